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
import type { PyContext, PyDetector } from '../../engine/types';
import { callArgs, stringValue, descendants, localFunctions } from '../../lang/python/ast';
import { isPythonTestCode } from '../../lang/scope';
import { MESSAGE, NO_TABLE, REQUIRES } from './shared';
import { dedupFix, type PyDedupSite } from '../../../../codemods/python/webhook-event-dedup';

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

type Site = PyDedupSite & { call: Node };

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
    const fix = dedupFix(fn, site, derived(fn, site.event, site.stmt), ctx);
    ctx.report({ node: site.call, message: fix ? MESSAGE : MESSAGE + NO_TABLE, fixes: fix ? [fix] : undefined });
  },
};
