/**
 * multi-write-without-transaction, Python (Django): a request handler, service
 * or task that writes two or more rows that belong together (`.save()`,
 * `Model.objects.create/update/delete/bulk_create/...`, a related manager's
 * `create`, a serializer's or model form's `save()`), or a write and an
 * external side effect before it (HTTP, Stripe, e-mail, S3, Celery), outside
 * `transaction.atomic`. Repeated saves of one object count once; a write in a
 * loop counts as many. Not flagged: test code and migrations, writes inside an
 * atomic block or decorator, functions called from an atomic block of the same
 * module, management commands of a module that opens atomic blocks itself, and
 * request handlers and services of a project whose settings set
 * `ATOMIC_REQUESTS = True` (every request already runs in one transaction).
 */
import * as path from 'node:path';
import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import type { PyBindings } from '../../lang/python/bindings';
import { descendantsNoNested, enclosingFunction, inAtomic, isAtomicExpr, ormChain, outsideProductionPython } from '../../lang/python/django';
import { callArgs } from '../../lang/python/ast';
import { findPythonModule } from '../../lang/python/bindings';
import { parsePythonTree } from '../../lang/python/parser';
import { ModuleCache } from '../../lang/modules';
import { projectTextMatch } from '../../lang/endpoints/model';
import { decoratorNames, isEntryPoint, isMethod, paramNames } from '../select-for-update-outside-atomic/python';
import { sideEffectKind } from '../../../../codemods/python/race-read-check-write';
import { multiWriteFix } from '../../../../codemods/python/multi-write-without-transaction';

/** Manager / queryset methods that write rows. */
const MANAGER_WRITES = new Set(['create', 'create_user', 'create_superuser', 'bulk_create', 'bulk_update', 'get_or_create', 'update_or_create', 'update', 'delete', 'acreate', 'abulk_create', 'aupdate', 'adelete', 'aget_or_create', 'aupdate_or_create']);
const WRITE_METHOD = /^(a?save|a?delete|a?create|create_user|create_superuser|a?bulk_create|bulk_update|a?get_or_create|a?update_or_create|a?update)$/;
const WRITE_TEXT = /\.(a?save|a?create|create_user|a?update|a?delete|a?bulk_create|bulk_update|a?get_or_create|a?update_or_create)\s*\(/;
const TASK_DECORATOR = /(^|\.)(task|shared_task|periodic_task|actor|job)$/;
const SERVICE_PATH = /(^|[\\/])(services?|use_?cases|actions|interactors|tasks|jobs|workers)([\\/]|\.py$)|_(service|services|tasks|actions)\.py$/;
const MODEL_MODULE = /(^|[\\/])(models|admin|apps|settings|signals|conftest|manage|setup)(\.py$|[\\/])/;
const COMMAND_PATH = /(^|[\\/])management[\\/]commands[\\/]/;

export interface Write {
  call: Node;
  /** the statement of the function body's block that holds it */
  stmt: Node;
  /** what is written: `Order`, `order`, `serializer` (for the message) */
  label: string;
  /** rows: writes with the same key write the same row */
  key: string;
  inLoop: boolean;
}

export interface SideEffect {
  call: Node;
  kind: string;
}

function statementOf(n: Node): Node {
  let cur = n;
  while (cur.parent && cur.parent.type !== 'block' && cur.parent.type !== 'module') cur = cur.parent;
  return cur;
}

function inLoop(n: Node, fn: Node): boolean {
  for (let cur = n.parent; cur && cur.id !== fn.id; cur = cur.parent) {
    // `for x in xs: try: x.delete() except ...: log`: each item on its own, on purpose
    if (cur.type === 'try_statement' && cur.namedChildren.some((c) => c?.type === 'except_clause')) return false;
    if (['for_statement', 'while_statement', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression'].includes(cur.type)) return true;
  }
  return false;
}

/** The name a call's result is bound to (`order = Order.objects.create(...)`), else null. */
function boundName(call: Node): string | null {
  let p = call.parent;
  if (p?.type === 'await') p = p.parent;
  if (p?.type !== 'assignment') return null;
  const left = p.childForFieldName('left');
  if (left?.type === 'identifier') return left.text;
  // `order, created = Order.objects.get_or_create(...)`
  if (left?.type === 'pattern_list' || left?.type === 'tuple_pattern') return left.namedChildren[0]?.type === 'identifier' ? left.namedChildren[0].text : null;
  return null;
}

/** The leftmost name of `a.b.c`. */
function rootName(n: Node): Node | null {
  let cur: Node | null = n;
  while (cur?.type === 'attribute') cur = cur.childForFieldName('object');
  return cur?.type === 'identifier' ? cur : null;
}

/** A database write, or null. */
export function classifyWrite(call: Node, fn: Node, bindings: PyBindings): Omit<Write, 'stmt' | 'inLoop'> | null {
  const f = call.childForFieldName('function');
  if (f?.type !== 'attribute') return null;
  const method = f.childForFieldName('attribute')?.text ?? '';
  const obj = f.childForFieldName('object');
  if (!obj) return null;
  const args = callArgs(call);
  const chain = MANAGER_WRITES.has(method) ? ormChain(call, fn) : null;
  if (chain) {
    const model = chain.model.text;
    return { call, label: model, key: boundName(call) ?? `${model}@${call.startIndex}` };
  }
  if ((method === 'delete' || method === 'update') && obj.type === 'call') {
    // a related manager's queryset: `invoice.payments.all().delete()`, `order.lines.filter(...).update(...)`
    const qf = obj.childForFieldName('function');
    const rel = qf?.type === 'attribute' ? qf.childForFieldName('object') : null;
    if (!/^(all|filter|exclude)$/.test(qf?.childForFieldName('attribute')?.text ?? '') || rel?.type !== 'attribute') return null;
    if (method === 'update' && !args.length) return null;
    const root = rootName(rel);
    if (!root || bindings.imports.has(root.text)) return null;
    return { call, label: rel.text, key: `${rel.text}@${call.startIndex}` };
  }
  if (method === 'save' || method === 'asave' || method === 'delete' || method === 'adelete') {
    // `image.save(path)`, `storage.save(name, content)`, `form.save(commit=False)`: no row written
    if (args.some((a) => a.type !== 'keyword_argument')) return null;
    if (args.some((a) => a.childForFieldName('name')?.text === 'commit' && a.childForFieldName('value')?.text === 'False')) return null;
    if (obj.type === 'call') return null; // super().save(), Model(...).save() handled below
    const root = rootName(obj);
    if (!root) return null;
    if (bindings.imports.has(root.text)) return null; // a module or a client (`default_storage`, `cache`)
    if (method.endsWith('delete') && /^(cache|session|request|redis|r)$/.test(root.text)) return null;
    if (obj.type === 'attribute' && root.text === 'request') return null; // request.session.save()
    return { call, label: obj.text, key: obj.text };
  }
  if ((method === 'create' || method === 'acreate') && obj.type === 'attribute' && args.length && args.every((a) => a.type === 'keyword_argument' || a.type === 'dictionary_splat')) {
    // a related manager: `order.lines.create(product=p, quantity=1)`
    const root = rootName(obj);
    if (!root || bindings.imports.has(root.text) || root.text === 'self' || root.text === 'cls') return null;
    if (sideEffectKind(call, bindings)) return null;
    return { call, label: obj.text, key: boundName(call) ?? `${obj.text}@${call.startIndex}` };
  }
  return null;
}

const NO_BINDINGS = { imports: new Map<string, string>(), resolve: () => null } as unknown as PyBindings;

/** Project modules by path: which of their module-level functions write rows. */
const helperModules = new ModuleCache<{ writes(name: string): boolean }>((_file, text) => {
  const root = parsePythonTree(text);
  const writers = new Set<string>();
  for (const stmt of root.namedChildren) {
    const def = stmt?.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    const body = def?.type === 'function_definition' ? def.childForFieldName('body') : null;
    const name = def?.childForFieldName('name')?.text;
    if (!def || !body || !name) continue;
    if (descendantsNoNested(body, (n) => n.type === 'call').some((c) => !!classifyWrite(c, def, NO_BINDINGS))) writers.add(name);
  }
  return { writes: (n: string) => writers.has(n) };
});

/** `hold_seats(...)`: a call of a project function (imported from another module of the project) that writes rows. */
function callsWritingHelper(call: Node, ctx: PyContext): boolean {
  const f = call.childForFieldName('function');
  if (f?.type !== 'identifier' || !path.isAbsolute(ctx.file.path)) return false;
  const q = ctx.bindings.imports.get(f.text);
  if (!q || !q.includes('.') || /^(django|rest_framework|celery|stripe|requests)\b/.test(q)) return false;
  const file = findPythonModule(ctx.file.path, q.slice(0, q.lastIndexOf('.')));
  if (!file) return false;
  return helperModules.get(file)?.writes(q.slice(q.lastIndexOf('.') + 1)) ?? false;
}

/** Is this function a request handler, a service, a task or a management command? */
function kindOf(fn: Node, ctx: PyContext): 'request' | 'service' | 'task' | 'command' | null {
  const decorators = decoratorNames(fn);
  if (decorators.some((d) => TASK_DECORATOR.test(d))) return 'task';
  const file = ctx.file.path;
  if (COMMAND_PATH.test(file)) return isMethod(fn) && fn.childForFieldName('name')?.text === 'handle' ? 'command' : null;
  if (isEntryPoint(fn)) return 'request';
  if (decorators.some((d) => d === 'property' || /\.setter$/.test(d))) return null;
  // module-level functions and methods of service modules; serializers' create/update (called by
  // the view's save)
  if (SERVICE_PATH.test(file) && !/(^|\.)(receiver)$/.test(decorators.join(' '))) return 'service';
  const name = fn.childForFieldName('name')?.text ?? '';
  if (isMethod(fn) && (name === 'create' || name === 'update') && paramNames(fn).includes('validated_data')) return 'request';
  // a public module-level function of an app module (not models, admin, settings): a service the
  // views and tasks call; `_helpers` are their callers' business
  const holder = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
  if (holder?.type === 'module' && !name.startsWith('_') && !MODEL_MODULE.test(file)) return 'service';
  return null;
}

/** Called from an atomic block (or from another helper) of this module: the caller owns the transaction. */
function calledInsideAtomic(fn: Node, ctx: PyContext): boolean {
  const name = fn.childForFieldName('name')?.text;
  if (!name) return false;
  for (const c of ctx.root.descendantsOfType('call')) {
    const callee = c?.childForFieldName('function');
    if (!c || !callee) continue;
    const last = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee.text;
    if (last === name && inAtomic(c, ctx.bindings)) return true;
  }
  return false;
}

const ATOMIC_REQUESTS = /["']?ATOMIC_REQUESTS["']?\s*[:=]\s*True\b/;
/** Does a settings module of the project set `ATOMIC_REQUESTS = True` (in DATABASES)? A text search. */
function projectAtomicRequests(file: string): boolean {
  return projectTextMatch(file, ATOMIC_REQUESTS) !== null;
}

/** The branch of each enclosing `if` a node sits in: if-statement id -> clause node id. */
function branches(n: Node, fn: Node): Map<number, number> {
  const out = new Map<number, number>();
  let child = n;
  for (let cur = n.parent; cur && cur.id !== fn.id; child = cur, cur = cur.parent) {
    if (cur.type === 'if_statement' && child.id !== cur.childForFieldName('condition')?.id) out.set(cur.id, child.id);
    if (cur.type === 'try_statement' && (child.type === 'except_clause' || child.type === 'else_clause')) out.set(cur.id, child.type === 'except_clause' ? child.id : -1);
  }
  return out;
}

/** Do two nodes sit in different branches of one `if` (or one in `except`, the other in `try`'s `else`)? */
function exclusive(a: Node, b: Node, fn: Node): boolean {
  const ba = branches(a, fn);
  const bb = branches(b, fn);
  for (const [k, v] of ba) if (bb.has(k) && bb.get(k) !== v) return true;
  return false;
}

/** Distinct rows written: a key counts once, a write in a loop twice (many rows). */
function rowCount(writes: Write[]): number {
  const keys = new Map<string, number>();
  for (const w of writes) keys.set(w.key, Math.max(keys.get(w.key) ?? 0, w.inLoop ? 2 : 1));
  let n = 0;
  for (const v of keys.values()) n += v;
  return n;
}

function labels(writes: Write[]): string {
  const seen: string[] = [];
  for (const w of writes) if (!seen.includes(w.label)) seen.push(w.label);
  const shown = seen.slice(0, 3).map((s) => `\`${s}\``);
  return seen.length > 3 ? `${shown.join(', ')} and more` : shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown[0];
}

export const python: PyDetector = {
  nodeTypes: ['function_definition'],
  requires: /\.(a?save|a?create|a?update|a?delete|a?bulk_create|bulk_update|a?get_or_create|a?update_or_create)\s*\(/,
  visit(fn: Node, ctx: PyContext) {
    if (outsideProductionPython(ctx.file.path, ctx.file.text)) return;
    const body = fn.childForFieldName('body');
    const nameNode = fn.childForFieldName('name');
    if (!body || !nameNode) return;
    if (enclosingFunction(fn)) return; // nested helpers: their function decides
    const kind = kindOf(fn, ctx);
    if (!kind) return;
    if (!WRITE_TEXT.test(fn.text)) return;
    const calls = descendantsNoNested(body, (n) => n.type === 'call');
    const writes: Write[] = [];
    for (const call of calls) {
      const f = call.childForFieldName('function');
      if (f?.type !== 'attribute' || !WRITE_METHOD.test(f.childForFieldName('attribute')?.text ?? '')) continue;
      if (inAtomic(call, ctx.bindings)) continue;
      if (sideEffectKind(call, ctx.bindings)) continue; // `stripe.Customer.create(...)`
      const w = classifyWrite(call, fn, ctx.bindings);
      if (w) writes.push({ ...w, stmt: statementOf(call), inLoop: inLoop(call, fn) });
    }
    if (!writes.length) return;
    // side effects: only those before the last write matter
    const effects: SideEffect[] = [];
    const end = writes[writes.length - 1].call.startIndex;
    for (const call of calls) {
      if (call.startIndex >= end) break;
      const side = sideEffectKind(call, ctx.bindings);
      if (side && !inAtomic(call, ctx.bindings)) effects.push({ call, kind: side });
    }
    // writes in different branches of one `if` never run together: take the largest set that can
    const groups = writes.map((w) => writes.filter((o) => !exclusive(w.call, o.call, fn)));
    const best = groups.reduce((a, b) => (rowCount(b) > rowCount(a) ? b : a));
    writes.splice(0, writes.length, ...best);
    const lastWrite = writes[writes.length - 1].call.startIndex;
    const before = effects.filter((e) => e.call.startIndex < lastWrite && writes.every((w) => !exclusive(w.call, e.call, fn)));
    const rows = rowCount(writes);
    const helpers: Node[] = [];
    if (!before.length) {
      // deletions only (a cleanup): a failure half-way leaves rows a re-run deletes, nothing inconsistent
      // (unless the function can return between them: then the later deletions never run)
      const first = writes[0].call.startIndex;
      const returnsBetween = descendantsNoNested(body, (n) => n.type === 'return_statement' || n.type === 'raise_statement').some((r) => r.startIndex > first && r.startIndex < lastWrite);
      if (!returnsBetween && writes.every((w) => /^a?delete$/.test(w.call.childForFieldName('function')?.childForFieldName('attribute')?.text ?? ''))) return;
      // one write repeated over independent rows (`for card in cards: card.save()`): each row stands alone
      if (writes.length === 1 && writes[0].inLoop) return;
    }
    if (rows < 2) {
      // one write after a side effect: only a problem when something was written before the side
      // effect too (rows written, the side effect fails or the write fails: the first write stays)
      if (!before.length) return;
      const firstEffect = before[0].call.startIndex;
      const earlier = calls.filter((c) => c.startIndex < firstEffect && !inAtomic(c, ctx.bindings) && (!!classifyWrite(c, fn, ctx.bindings) || callsWritingHelper(c, ctx)));
      if (!earlier.length) return;
      // project helpers that write (`hold_seats(...)`) go into the transaction with the writes
      for (const c of earlier) if (!writes.some((w) => w.call.id === c.id)) helpers.push(c);
    }
    if (kind === 'command' && /\batomic\b/.test(ctx.file.text)) return;
    // rows locked with select_for_update: the function runs inside its caller's transaction (outside
    // one Django raises TransactionManagementError), wherever that caller is
    if (/select_for_update\w*\s*\(/.test(fn.text)) return;
    if (calledInsideAtomic(fn, ctx)) return;
    // a function that opens its own atomic blocks for part of the work and leaves the rest outside on purpose
    if (fn.descendantsOfType('with_statement').some((w) => !!w && w.descendantsOfType('with_item').some((i) => isAtomicExpr(i?.childForFieldName('value'), ctx.bindings))) && rows < 2) return;
    if ((kind === 'request' || kind === 'service') && projectAtomicRequests(ctx.file.path)) return;
    const name = nameNode.text;
    const fix = multiWriteFix(ctx.file.text, ctx.root, fn, [...writes, ...helpers.map((call) => ({ call }))], before, ctx.bindings);
    const what = rows >= 2 ? `writes ${labels(writes)}${writes.length > 1 && new Set(writes.map((w) => w.label)).size === 1 ? ' rows' : ''}` : `writes before and after ${before.map((e) => `the ${e.kind}`).filter((v, i, a) => a.indexOf(v) === i).join(' and ')} (${labels(writes)})`;
    const why = rows >= 2 ? 'when a later write fails, the earlier ones stay committed' : 'when the side effect or the later write fails, the earlier writes stay committed';
    ctx.report({
      node: nameNode,
      message: `\`${name}\` ${what} outside \`transaction.atomic\`: ${why}${fix.why ? `; no automatic fix: ${fix.why}` : ''}`,
      fixes: fix.fix ? () => [fix.fix!] : undefined,
    });
  },
};
