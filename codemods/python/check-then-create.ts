/**
 * Codemod: replace an existence check followed by a create with one
 * `get_or_create` call, inside `transaction.atomic`:
 *
 *   if not Vote.objects.filter(user=u, poll=p).exists():      Vote.objects.get_or_create(user=u, poll=p,
 *       Vote.objects.create(user=u, poll=p, choice=c)    ->       defaults={"choice": c})
 *
 *   try:                                                       profile, _ = Profile.objects.get_or_create(user=u)
 *       profile = Profile.objects.get(user=u)            ->
 *   except Profile.DoesNotExist:
 *       profile = Profile.objects.create(user=u)
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix, TextEdit } from '../../server/src/engine/types';
import type { PyBindings } from '../../server/src/lang/python/bindings';
import { callArgs, preferredQuote } from '../../server/src/lang/python/ast';
import { makeAtomicEdits } from '../../server/src/lang/python/django';

export interface CreateSite {
  /** the statement replaced (the `if` or the `try`) */
  stmt: Node;
  /** `Vote.objects` text */
  manager: string;
  lookup: Node[];
  create: Node;
  /** name bound to the created row (`x = M.objects.create(...)`), if any */
  target: string | null;
  fn: Node;
}

export function getOrCreateFix(text: string, root: Node, site: CreateSite, bindings: PyBindings): Fix | null {
  const q = preferredQuote(text);
  const lookupKeys = new Set(site.lookup.map((a) => a.childForFieldName('name')?.text));
  const defaults: string[] = [];
  for (const a of callArgs(site.create)) {
    if (a.type !== 'keyword_argument') return null;
    const k = a.childForFieldName('name')?.text;
    const v = a.childForFieldName('value');
    if (!k || !v) return null;
    if (lookupKeys.has(k)) continue;
    defaults.push(`${q}${k}${q}: ${v.text}`);
  }
  const args = site.lookup.map((a) => a.text);
  if (defaults.length) args.push(`defaults={${defaults.join(', ')}}`);
  const call = `${site.manager}.get_or_create(${args.join(', ')})`;
  const atomic = makeAtomicEdits(text, root, site.fn, bindings);
  if (!atomic) return null;
  const edits: TextEdit[] = [{ start: site.stmt.startIndex, end: site.stmt.endIndex, newText: site.target ? `${site.target}, _ = ${call}` : call }, ...atomic];
  return {
    title: `Use \`get_or_create\`${atomic.length ? ' inside `transaction.atomic`' : ''} (needs a unique constraint on ${[...lookupKeys].join(', ')})`,
    applicability: 'unsafe',
    edits,
  };
}
