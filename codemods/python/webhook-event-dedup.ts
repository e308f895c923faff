/**
 * Codemod (webhook-event-dedup, Python): record the Stripe event's id in the project's Django model
 * of processed events before the handler acts on it, and answer a replay with the handler's own
 * success response:
 *
 *     event = stripe.Webhook.construct_event(...)      (or the try/except around it)
 *     _, created = ProcessedStripeEvent.objects.get_or_create(stripe_event_id=event["id"])
 *     if not created:
 *         return HttpResponse(status=200)  # this event was already processed
 *
 * `get_or_create` is safe against two concurrent deliveries (it retries the read on the unique
 * constraint's IntegrityError). The model is imported the way the file imports its models. No fix
 * (null) without a Django model the fix can fill, or when the handler's last statement is not a
 * plain `return <response>`.
 */
import * as path from 'node:path';
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix, PyContext } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import { indentAt, indentUnit, descendants } from '../../server/src/lang/python/ast';
import { ensureFromImport } from '../../server/src/lang/python/edits';
import { detectEol } from '../../server/src/text/positions';
import { djangoEventModel } from '../../server/src/rules/webhook-event-dedup/shared';

export interface PyDedupSite {
  /** the statement that binds the event */
  stmt: Node;
  /** the event's local name */
  event: string;
}
function bodyStatement(n: Node, fn: Node): Node {
  const body = fn.childForFieldName('body');
  let cur = n;
  while (cur.parent && cur.parent.id !== body?.id) cur = cur.parent;
  return cur;
}

/** Where the guard goes: after the `try` that builds the event when nothing else follows in it, else right after the assignment. */
function insertionAfter(site: PyDedupSite, fn: Node): Node {
  const top = bodyStatement(site.stmt, fn);
  if (top.id === site.stmt.id) return top;
  if (top.type !== 'try_statement') return site.stmt;
  const tryBody = top.childForFieldName('body');
  if (site.stmt.parent?.id !== tryBody?.id) return site.stmt;
  const code = tryBody!.namedChildren.filter((c) => c && c.type !== 'comment');
  if (code[code.length - 1]?.id !== site.stmt.id) return site.stmt;
  // every handler leaves the function, so the event is bound after the try
  for (const c of top.namedChildren) {
    if (c?.type !== 'except_clause') continue;
    const stmts = c.namedChildren.filter((x) => x?.type === 'block').flatMap((b) => b!.namedChildren.filter((x) => x && x.type !== 'comment'));
    const end = stmts[stmts.length - 1];
    if (end?.type !== 'return_statement' && end?.type !== 'raise_statement') return site.stmt;
  }
  if (top.namedChildren.some((c) => c?.type === 'finally_clause' || c?.type === 'else_clause')) return site.stmt;
  return top;
}

/** The function's final `return <response>` when it names nothing of the event. */
function successReturn(fn: Node, names: Set<string>): string | null {
  const code = fn.childForFieldName('body')?.namedChildren.filter((c) => c && c.type !== 'comment') ?? [];
  const last = code[code.length - 1];
  if (last?.type !== 'return_statement' || !last.namedChildren[0]) return null;
  for (const d of descendants(last)) if (d.type === 'identifier' && names.has(d.text)) return null;
  return last.text;
}

export function dedupFix(fn: Node, site: PyDedupSite, names: Set<string>, ctx: PyContext): Fix | null {
  const file = ctx.file.path;
  if (!/\b(?:django|rest_framework)\b/.test(ctx.file.text)) return null;
  const model = djangoEventModel(file);
  if (!model) return null;
  const ret = successReturn(fn, names);
  if (!ret) return null;
  const text = ctx.file.text;
  const eol = detectEol(text);
  const after = insertionAfter(site, fn);
  const indent = indentAt(text, after.startIndex);
  const unit = indentUnit(text);
  const fnText = fn.text;
  const ev = site.event;
  const subscript = new RegExp(`\\b${ev}\\s*(?:\\[|\\.get\\()`).test(fnText);
  const access = (k: string): string => (subscript ? `${ev}["${k}"]` : `${ev}.${k}`);
  const taken = new Set<string>();
  for (const d of descendants(fn)) if (d.type === 'identifier') taken.add(d.text);
  let created = 'created';
  for (let i = 2; taken.has(created); i++) created = `created_${i}`;
  // `_` is gettext in many Django modules: binding it here would make it local to the whole function
  let record = '_';
  if (ctx.bindings.imports.has('_') || taken.has('_') || /(?<![\w.])_\s*\(/.test(text)) {
    record = 'processed_event';
    for (let i = 2; taken.has(record); i++) record = `processed_event_${i}`;
  }
  // the model's class name may already be taken in the file by something else
  const local = ctx.bindings.imports.get(model.className);
  const fileDir = path.dirname(path.resolve(file));
  const module = path.dirname(model.file) === fileDir && path.basename(model.file) === 'models.py' ? '.models' : model.module;
  if (local && !local.endsWith(`models.${model.className}`)) return null;
  if (!local && new RegExp(`^(?:class|def)\\s+${model.className}\\b|^${model.className}\\s*=`, 'm').test(text)) return null;
  const fields = [`${model.field}=${access('id')}`];
  if (model.typeField) fields.push(`${model.typeField}=${access('type')}`);
  const guard =
    `${eol}${indent}${record}, ${created} = ${model.className}.objects.get_or_create(${fields.join(', ')})` +
    `${eol}${indent}if not ${created}:` +
    `${eol}${indent}${unit}${ret}  # this event was already processed`;
  // after a trailing comment on the statement's last line
  const lineEnd = /^[ \t]*(?:#[^\r\n]*)?/.exec(text.slice(after.endIndex))![0].length + after.endIndex;
  const edits: TextEdit[] = [{ start: lineEnd, end: lineEnd, newText: guard }];
  if (!local) {
    // prefer the module the file already imports its models from (`from .models import X` / `from billing.models import X`)
    const imp = ensureFromImport(text, ctx.root, existingModelsModule(ctx, model) ?? module, model.className, path.isAbsolute(file) ? file : undefined);
    if (imp) edits.push(imp);
  }
  return {
    title: `Record \`${ev}.id\` in \`${model.className}\` first and answer a replayed event without processing it again`,
    applicability: 'unsafe',
    edits,
  };
}

function existingModelsModule(ctx: PyContext, model: { module: string }): string | null {
  for (const q of ctx.bindings.imports.values()) {
    const mod = q.slice(0, q.lastIndexOf('.'));
    if (mod === model.module || (mod === '.models' && model.module.endsWith('.models'))) return mod;
  }
  return null;
}
