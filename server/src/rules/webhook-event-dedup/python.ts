/**
 * Python detector for `webhook-event-dedup`.
 *
 * A function that builds the event with the verifying call (`stripe.Webhook.construct_event`,
 * under any import alias, or a `StripeClient(...).construct_event`) and assigns it to a local is
 * a verified handler. It is flagged when it acts on the event (a call other than logging or a
 * response receives the event or data read from it, or an attribute is written from it) and
 * never reads the event's id: `event.id`, `event["id"]`, `event.get("id")`, `getattr(event, "id")`,
 * the event handed to a helper of this file that reads its id, or handed to any code we cannot
 * see (it may deduplicate there). A function that returns the event is a verifying helper, not
 * the handler. Test code is skipped.
 */
import type { Node } from '../../lang/python/tree';
import type { Fix, PyContext, PyDetector, TextEdit } from '../../engine/types';
import { callArgs, indentAt, indentUnit, stringValue } from '../../lang/python/ast';
import { ensureFromImport } from '../../lang/python/edits';
import { detectEol } from '../../engine/positions';
import { isPythonTestCode } from '../../lang/scope';
import * as path from 'node:path';
import { djangoEventModel, MESSAGE, NO_TABLE, REQUIRES } from './shared';

const LOG_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'log', 'fatal']);
/** Calls that do not act on the event: builtins, serialisation and responses. */
const INERT_CALLS = new Set([
  'print', 'str', 'repr', 'len', 'isinstance', 'dict', 'list', 'getattr', 'hasattr', 'int', 'float', 'bool', 'type', 'format',
  'HttpResponse', 'JsonResponse', 'HttpResponseBadRequest', 'Response', 'jsonify', 'make_response', 'abort', 'render',
  'dumps', 'to_dict', 'to_dict_recursive',
]);

/** Builtins an id goes through unchanged on its way to the call that uses it. */
const PASS_THROUGH = new Set(['str', 'repr', 'format', 'getattr', 'int', 'dict', 'list']);

function calleeName(fn: Node | null): string | null {
  if (!fn) return null;
  if (fn.type === 'identifier') return fn.text;
  if (fn.type === 'attribute') return fn.childForFieldName('attribute')?.text ?? null;
  return null;
}

function isInertCall(call: Node): boolean {
  const fn = call.childForFieldName('function');
  const name = calleeName(fn);
  if (!name) return false;
  if (INERT_CALLS.has(name)) return true;
  if (fn?.type === 'attribute' && LOG_METHODS.has(name) && /log/i.test(fn.childForFieldName('object')?.text ?? '')) return true;
  return false;
}

/** All nodes under `n` (nested functions included: a closure reading the id counts). */
function* descendants(n: Node): Generator<Node> {
  const stack: Node[] = [n];
  while (stack.length) {
    const c = stack.pop()!;
    yield c;
    for (let i = c.namedChildCount - 1; i >= 0; i--) {
      const k = c.namedChild(i);
      if (k) stack.push(k);
    }
  }
}

function paramList(fn: Node): string[] {
  const out: string[] = [];
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p) continue;
    if (p.type === 'identifier') out.push(p.text);
    else {
      const id = p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier');
      out.push(id?.type === 'identifier' ? id.text : '');
    }
  }
  return out;
}

function localFunctions(root: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === 'function_definition') {
        const name = c.childForFieldName('name')?.text;
        if (name && !out.has(name)) out.set(name, c);
      } else if (c.type === 'decorated_definition' || c.type === 'class_definition' || c.type === 'block') stack.push(c);
    }
  }
  return out;
}

/** Names bound to the event: the local and plain copies of it (`evt = event`). */
function aliases(fn: Node, names: Set<string>): Set<string> {
  const out = new Set(names);
  for (let pass = 0; pass < 3; pass++) {
    for (const n of descendants(fn)) {
      if (n.type !== 'assignment') continue;
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      if (l?.type === 'identifier' && r?.type === 'identifier' && out.has(r.text)) out.add(l.text);
    }
  }
  return out;
}

function isName(n: Node | null | undefined, names: Set<string>): boolean {
  return !!n && n.type === 'identifier' && names.has(n.text);
}

/** Does `fn` read the id of the event held by `names` (itself, through a same-file helper, or by handing it to code we cannot see)? */
function readsId(fn: Node, names0: Set<string>, funcs: Map<string, Node>, depth: number, seen: Set<number>): boolean {
  if (depth > 3 || seen.has(fn.id)) return false;
  seen.add(fn.id);
  const names = aliases(fn, names0);
  // an id only logged or echoed in the response deduplicates nothing
  const inInertCall = (n: Node): boolean => {
    for (let p = n.parent; p && p.id !== fn.id; p = p.parent) {
      if (p.type !== 'call') continue;
      const callee = calleeName(p.childForFieldName('function'));
      if (callee && PASS_THROUGH.has(callee)) continue; // `str(event.id)` is as good as the id
      return isInertCall(p); // the first real call the id reaches: a log or a response, or code that may deduplicate
    }
    return false;
  };
  for (const n of descendants(fn)) {
    if (n.type === 'attribute') {
      if (isName(n.childForFieldName('object'), names) && n.childForFieldName('attribute')?.text === 'id' && !inInertCall(n)) return true;
    } else if (n.type === 'subscript') {
      if (isName(n.childForFieldName('value'), names) && stringValue(n.childForFieldName('subscript')) === 'id' && !inInertCall(n)) return true;
    } else if (n.type === 'call') {
      const callee = n.childForFieldName('function');
      const args = callArgs(n);
      const first = args[0];
      if (callee?.type === 'attribute' && isName(callee.childForFieldName('object'), names) && calleeName(callee) === 'get' && stringValue(first) === 'id' && !inInertCall(n)) return true;
      if (callee?.type === 'identifier' && callee.text === 'getattr' && isName(first, names) && stringValue(args[1]) === 'id' && !inInertCall(n)) return true;
      // the whole event handed on
      const idx = args.findIndex((a) => isName(a.type === 'keyword_argument' ? a.childForFieldName('value') : a, names));
      if (idx < 0 || isInertCall(n)) continue;
      const name = calleeName(callee);
      const local = name && (callee?.type === 'identifier' || (callee?.type === 'attribute' && callee.childForFieldName('object')?.text === 'self')) ? funcs.get(name) : undefined;
      if (!local) return true; // code we cannot see may deduplicate
      const arg = args[idx];
      const params = paramList(local);
      const offset = params[0] === 'self' || params[0] === 'cls' ? 1 : 0;
      const param = arg.type === 'keyword_argument' ? arg.childForFieldName('name')?.text : params[idx + offset];
      if (param && readsId(local, new Set([param]), funcs, depth + 1, seen)) return true;
    }
  }
  return false;
}

/** Locals derived from the event (`session = event["data"]["object"]`), the event included. */
function derived(fn: Node, event: string, skip: Node): Set<string> {
  const out = new Set([event]);
  const mentions = (n: Node): boolean => {
    for (const d of descendants(n)) if (d.type === 'identifier' && out.has(d.text)) return true;
    return false;
  };
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    for (const n of descendants(fn)) {
      if (n.type !== 'assignment' || n.id === skip.id) continue;
      const r = n.childForFieldName('right');
      const l = n.childForFieldName('left');
      if (!r || !l || !mentions(r)) continue;
      for (const id of descendants(l)) {
        if (id.type === 'identifier' && !out.has(id.text) && (id.parent?.type !== 'attribute' || id.parent.childForFieldName('object')?.id === id.id)) {
          if (l.type === 'identifier' || l.type === 'pattern_list' || l.type === 'tuple_pattern') {
            out.add(id.text);
            changed = true;
          }
        }
      }
    }
    if (!changed) break;
  }
  return out;
}

/** Does the handler act on the event (beyond logging it and answering)? */
function actsOn(fn: Node, names: Set<string>): boolean {
  const mentions = (n: Node | null): boolean => {
    if (!n) return false;
    for (const d of descendants(n)) if (d.type === 'identifier' && names.has(d.text)) return true;
    return false;
  };
  for (const n of descendants(fn)) {
    if (n.type === 'call') {
      if (isInertCall(n)) continue;
      if (callArgs(n).some((a) => mentions(a))) return true;
    } else if (n.type === 'assignment' || n.type === 'augmented_assignment') {
      const l = n.childForFieldName('left');
      if ((l?.type === 'attribute' || l?.type === 'subscript') && mentions(n.childForFieldName('right'))) return true;
    }
  }
  return false;
}

interface Site {
  call: Node;
  stmt: Node;
  event: string;
}

function constructEventSite(fn: Node, ctx: PyContext): Site | null {
  const body = fn.childForFieldName('body');
  if (!body) return null;
  for (const n of descendants(body)) {
    if (n.type === 'function_definition' || n.type === 'class_definition') continue;
    if (n.type !== 'call') continue;
    const callee = n.childForFieldName('function');
    if (callee?.type !== 'attribute' || calleeName(callee) !== 'construct_event') continue;
    const q = ctx.bindings.resolve(callee);
    const obj = callee.childForFieldName('object')?.text ?? '';
    if (!(q?.startsWith('stripe') || /stripe|webhook|client/i.test(obj))) continue;
    let e: Node = n;
    while (e.parent && (e.parent.type === 'await' || e.parent.type === 'parenthesized_expression')) e = e.parent;
    const asg = e.parent;
    if (asg?.type !== 'assignment' || asg.childForFieldName('right')?.id !== e.id) return null;
    const left = asg.childForFieldName('left');
    if (left?.type !== 'identifier') return null;
    if (ctx.bindings.enclosingFunction(n)?.id !== fn.id) return null;
    return { call: n, stmt: asg.parent?.type === 'expression_statement' ? asg.parent : asg, event: left.text };
  }
  return null;
}

function returnsEvent(fn: Node, names: Set<string>): boolean {
  for (const n of descendants(fn)) {
    if (n.type === 'return_statement' && isName(n.namedChildren[0], names)) return true;
    if (n.type === 'yield' && isName(n.namedChildren[0], names)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// fix

function bodyStatement(n: Node, fn: Node): Node {
  const body = fn.childForFieldName('body');
  let cur = n;
  while (cur.parent && cur.parent.id !== body?.id) cur = cur.parent;
  return cur;
}

/** Where the guard goes: after the `try` that builds the event when nothing else follows in it, else right after the assignment. */
function insertionAfter(site: Site, fn: Node): Node {
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

function dedupFix(fn: Node, site: Site, ctx: PyContext): Fix | null {
  const file = ctx.file.path;
  if (!/\b(?:django|rest_framework)\b/.test(ctx.file.text)) return null;
  const model = djangoEventModel(file);
  if (!model) return null;
  const names = derived(fn, site.event, site.stmt);
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
  // the model's class name may already be taken in the file by something else
  const local = ctx.bindings.imports.get(model.className);
  const fileDir = path.dirname(path.resolve(file));
  const module = path.dirname(model.file) === fileDir && path.basename(model.file) === 'models.py' ? '.models' : model.module;
  if (local && !local.endsWith(`models.${model.className}`)) return null;
  if (!local && new RegExp(`^(?:class|def)\\s+${model.className}\\b|^${model.className}\\s*=`, 'm').test(text)) return null;
  const fields = [`${model.field}=${access('id')}`];
  if (model.typeField) fields.push(`${model.typeField}=${access('type')}`);
  const guard =
    `${eol}${indent}_, ${created} = ${model.className}.objects.get_or_create(${fields.join(', ')})` +
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

export const python: PyDetector = {
  nodeTypes: ['function_definition'],
  requires: REQUIRES,
  visit(fn: Node, ctx: PyContext) {
    const site = constructEventSite(fn, ctx);
    if (!site) return;
    if (isPythonTestCode(ctx.file.path, ctx.file.text)) return;
    const ev = new Set([site.event]);
    if (returnsEvent(fn, aliases(fn, ev))) return;
    const funcs = localFunctions(ctx.root);
    if (readsId(fn, ev, funcs, 0, new Set())) return;
    if (!actsOn(fn, derived(fn, site.event, site.stmt))) return;
    // computed here (cheap, and only for a flagged handler): the message says when there is none
    const fix = dedupFix(fn, site, ctx);
    ctx.report({ node: site.call, message: fix ? MESSAGE : MESSAGE + NO_TABLE, fixes: fix ? [fix] : undefined });
  },
};
