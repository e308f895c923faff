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
import type { Fix } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
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

/** `obj = M.objects.filter(k=v).first(); if obj: <set fields>; obj.save() else: M.objects.create(...)`. */
export interface UpdateSite {
  /** the read statement `obj = M.objects.filter(...).first()` */
  read: Node;
  /** the `if` statement */
  stmt: Node;
  manager: string;
  lookup: Node[];
  /** field name -> value text, as both branches write them */
  fields: Array<[string, string]>;
  /** name the row stays bound to when used after the `if` */
  target: string | null;
  fn: Node;
}

/**
 *   obj = Setting.objects.filter(key=k).first()           Setting.objects.update_or_create(key=k, defaults={"value": v})
 *   if obj:
 *       obj.value = v                              ->
 *       obj.save()
 *   else:
 *       Setting.objects.create(key=k, value=v)
 */
export function updateOrCreateFix(text: string, site: UpdateSite): Fix {

  const q = preferredQuote(text);
  const args = site.lookup.map((a) => a.text);
  args.push(`defaults={${site.fields.map(([k, v]) => `${q}${k}${q}: ${v}`).join(', ')}}`);
  const call = `${site.manager}.update_or_create(${args.join(', ')})`;
  // update_or_create runs in its own transaction and locks the row it updates
  // (select_for_update): making the whole function atomic would only hold that lock longer
  const keys = site.lookup.map((a) => a.childForFieldName('name')?.text).join(', ');
  return {
    title: `Use \`update_or_create\` (needs a unique constraint on ${keys})`,
    applicability: 'unsafe',
    edits: [{ start: site.read.startIndex, end: site.stmt.endIndex, newText: site.target ? `${site.target}, _ = ${call}` : call }],
  };
}
