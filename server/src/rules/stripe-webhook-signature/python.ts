/**
 * Python detector for `stripe-webhook-signature`.
 *
 * For each function: (1) which names hold the incoming request (a `request` /
 * `req` parameter, `self.request`, Flask's or Quart's global `request`);
 * (2) which locals carry data from the request body, by a small fixpoint over
 * the function's assignments (`payload = request.body`, `event = json.loads(payload)`,
 * `event = stripe.Event.construct_from(data, key)`); (3) whether the function
 * branches on `event["type"]` / `event.type` / `event.get("type")` of such a
 * local against Stripe event types, or builds a `stripe.Event` from it; (4)
 * whether it verifies (`construct_event`, `verify_header`, an HMAC compare,
 * a verifying helper defined in this file, or a verifier decorator).
 * A dispatcher that receives the event as a parameter is not a handler: the
 * flag needs evidence that the event comes from the request.
 */
import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { callArgs, stringValue, localFunctions } from '../../lang/python/ast';
import type { PyBindings } from '../../lang/python/bindings';
import { isStripeEventType, REQUIRES, VERIFIER_NAME_RE, webhookMessage } from './shared';
import { verifyWebhookFix, type PyWebhookSite } from '../../../../codemods/python/stripe-webhook-signature';

/** Request attributes that carry the body (Django, DRF, Flask, Quart, FastAPI/Starlette, Falcon). */
const BODY_ATTRS = new Set(['body', 'data', 'json', 'get_json', 'get_data', 'stream', 'media', 'raw_body']);
/** Calls that turn body data into an event without checking anything. */
const TRANSPARENT_CALLS = new Set([
  'json.loads',
  'json.load',
  'orjson.loads',
  'ujson.loads',
  'simplejson.loads',
  'rapidjson.loads',
  'stripe.Event.construct_from',
  'stripe.api_resources.event.Event.construct_from',
  'stripe.util.convert_to_stripe_object',
  'stripe.convert_to_stripe_object',
]);
const CONSTRUCT_FROM = new Set(['stripe.Event.construct_from', 'stripe.api_resources.event.Event.construct_from']);
const VERIFY_ATTRS = new Set(['construct_event', 'verify_header']);
const REQUEST_GLOBALS = new Set(['flask.request', 'quart.request']);
const NESTED_SCOPES = new Set(['function_definition', 'lambda', 'class_definition']);

interface Assign {
  name: string;
  value: Node;
  stmt: Node;
}

interface FnAnalysis {
  fn: Node;
  requestNames: Set<string>;
  selfRequest: boolean;
  assigns: Assign[];
  sourced: Set<string>;
}

/** Nodes of the function body, not descending into nested functions or classes. */
function* bodyNodes(fn: Node): Generator<Node> {
  const body = fn.childForFieldName('body');
  if (!body) return;
  const stack: Node[] = [body];
  while (stack.length) {
    const n = stack.pop()!;
    yield n;
    for (let i = n.namedChildCount - 1; i >= 0; i--) {
      const c = n.namedChild(i);
      if (c && !NESTED_SCOPES.has(c.type)) stack.push(c);
    }
  }
}

function paramNames(fn: Node): Array<{ name: string; type: string | null }> {
  const out: Array<{ name: string; type: string | null }> = [];
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p) continue;
    if (p.type === 'identifier') out.push({ name: p.text, type: null });
    else {
      const id = p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier');
      if (id?.type === 'identifier') out.push({ name: id.text, type: p.childForFieldName('type')?.text ?? null });
    }
  }
  return out;
}

function analyze(fn: Node, ctx: PyContext): FnAnalysis {
  const requestNames = new Set<string>();
  for (const p of paramNames(fn)) {
    if (p.name === 'request' || p.name === 'req' || (p.type && /\b(Http)?Request\b/.test(p.type))) requestNames.add(p.name);
  }
  for (const [local, q] of ctx.bindings.imports) if (REQUEST_GLOBALS.has(q)) requestNames.add(local);
  const a: FnAnalysis = { fn, requestNames, selfRequest: false, assigns: [], sourced: new Set() };
  // nothing can be sourced without a request to read it from (findSite then stops)
  if (!requestNames.size && !fnUsesSelfRequest(fn)) return a;
  for (const n of bodyNodes(fn)) {
    if (n.type !== 'assignment') continue;
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    if (left?.type === 'identifier' && right) a.assigns.push({ name: left.text, value: right, stmt: n });
  }
  // fixpoint: a local is sourced when some assignment to it is built from the request body
  for (let pass = 0; pass < 6; pass++) {
    let changed = false;
    for (const s of a.assigns) {
      if (a.sourced.has(s.name)) continue;
      if (isSourced(s.value, a, ctx.bindings)) {
        a.sourced.add(s.name);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return a;
}

function isRequest(node: Node, a: FnAnalysis): boolean {
  if (node.type === 'identifier') return a.requestNames.has(node.text);
  if (node.type === 'attribute') {
    return node.childForFieldName('object')?.text === 'self' && node.childForFieldName('attribute')?.text === 'request';
  }
  return false;
}

/** Does this expression carry data from the request body? */
function isSourced(node: Node | null, a: FnAnalysis, b: PyBindings, depth = 0): boolean {
  if (!node || depth > 12) return false;
  switch (node.type) {
    case 'identifier':
      return a.sourced.has(node.text);
    case 'attribute': {
      const obj = node.childForFieldName('object');
      const attr = node.childForFieldName('attribute')?.text ?? '';
      if (obj && isRequest(obj, a)) return BODY_ATTRS.has(attr);
      return isSourced(obj, a, b, depth + 1);
    }
    case 'subscript':
      return isSourced(node.childForFieldName('value'), a, b, depth + 1);
    case 'await':
    case 'parenthesized_expression':
      return isSourced(node.namedChildren[0], a, b, depth + 1);
    case 'call': {
      const fn = node.childForFieldName('function');
      if (!fn) return false;
      // a transparent call (json.loads, construct_from) is sourced when an argument is; the callee is
      // resolved only when the answer depends on it
      const argSourced = callArgs(node).some((x) => isSourced(x.type === 'keyword_argument' ? x.childForFieldName('value') : x, a, b, depth + 1));
      if (argSourced) {
        const q = b.resolve(fn);
        if (q && TRANSPARENT_CALLS.has(q)) return true;
      }
      // a method of the request (`request.get_json()`) or of sourced data (`payload.decode()`, `data.get("object")`)
      if (fn.type !== 'attribute' || !isSourced(fn, a, b, depth + 1)) return false;
      if (argSourced) return true;
      const q = b.resolve(fn);
      return !(q && TRANSPARENT_CALLS.has(q));
    }
    default:
      return false;
  }
}

/** `X["type"]`, `X.type`, `X.get("type")` -> X */
function typeAccessBase(node: Node): Node | null {
  if (node.type === 'subscript') {
    const sub = node.childForFieldName('subscript');
    if (stringValue(sub) === 'type') return node.childForFieldName('value');
  } else if (node.type === 'attribute') {
    const isCallee = node.parent?.type === 'call' && node.parent.childForFieldName('function')?.id === node.id;
    if (node.childForFieldName('attribute')?.text === 'type' && !isCallee) return node.childForFieldName('object');
  } else if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    const args = callArgs(node);
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'get' && args.length >= 1 && stringValue(args[0]) === 'type') {
      return fn.childForFieldName('object');
    }
  }
  return null;
}

const moduleDictCache = new WeakMap<PyContext, Set<string>>();
/** Module-level names bound to dicts keyed by Stripe event types (`HANDLERS = {"invoice.paid": ...}`). */
function stripeDicts(ctx: PyContext): Set<string> {
  let out = moduleDictCache.get(ctx);
  if (out && (out as Set<string> & { root?: number }).root === ctx.root.id) return out;
  out = new Set<string>();
  (out as Set<string> & { root?: number }).root = ctx.root.id;
  for (const stmt of ctx.root.namedChildren) {
    const asg = stmt?.type === 'expression_statement' ? stmt.namedChildren[0] : null;
    if (asg?.type !== 'assignment') continue;
    const left = asg.childForFieldName('left');
    const right = asg.childForFieldName('right');
    if (left?.type !== 'identifier' || right?.type !== 'dictionary') continue;
    if (right.namedChildren.some((p) => p?.type === 'pair' && isStripeEventType(stringValue(p.childForFieldName('key')) ?? ''))) out.add(left.text);
  }
  moduleDictCache.set(ctx, out);
  return out;
}

function calleeName(fn: Node | null): string | null {
  if (!fn) return null;
  if (fn.type === 'identifier') return fn.text;
  if (fn.type === 'attribute') return fn.childForFieldName('attribute')?.text ?? null;
  return null;
}

function decorators(fn: Node): Node[] {
  const parent = fn.parent;
  if (parent?.type !== 'decorated_definition') return [];
  return parent.namedChildren.filter((c): c is Node => !!c && c.type === 'decorator');
}

/** Does this function (or a helper it calls, or a decorator on it) verify a webhook signature? */
function verifies(fn: Node, ctx: PyContext, funcs: Map<string, Node>, seen: Set<number>, depth: number): boolean {
  if (seen.has(fn.id) || depth > 3) return false;
  seen.add(fn.id);
  for (const d of decorators(fn)) {
    const expr = d.namedChildren[0];
    const callee = expr?.type === 'call' ? expr.childForFieldName('function') : expr;
    const name = calleeName(callee ?? null);
    if (name && VERIFIER_NAME_RE.test(name)) return true;
    if (name && funcs.has(name) && verifies(funcs.get(name)!, ctx, funcs, seen, depth + 1)) return true;
  }
  for (const n of fn.descendantsOfType('call')) {
    if (!n) continue;
    const callee = n.childForFieldName('function');
    const name = calleeName(callee);
    if (!name) continue;
    if (VERIFY_ATTRS.has(name) || name === 'compare_digest') return true;
    if (VERIFIER_NAME_RE.test(name)) return true;
    const q = ctx.bindings.resolve(callee);
    if (q === 'hmac.compare_digest' || q === 'secrets.compare_digest') return true;
    const local = callee?.type === 'identifier' || (callee?.type === 'attribute' && callee.childForFieldName('object')?.text === 'self') ? funcs.get(name) : undefined;
    if (local && local.id !== fn.id && verifies(local, ctx, funcs, seen, depth + 1)) return true;
  }
  return false;
}

/** Does `fn` branch on a Stripe event type of one of its parameters (a dispatcher)? Returns param indexes. */
function dispatcherParams(fn: Node, ctx: PyContext): Set<number> {
  const out = new Set<number>();
  const params = paramNames(fn).map((p) => p.name);
  if (!hasStripeLiteral(fn, ctx)) return out;
  for (const n of bodyNodes(fn)) {
    const base = typeAccessBase(n);
    if (base?.type === 'identifier' && params.includes(base.text)) {
      const idx = params.indexOf(base.text);
      out.add(params[0] === 'self' || params[0] === 'cls' ? idx - 1 : idx);
    }
  }
  return out;
}

function hasStripeLiteral(fn: Node, ctx: PyContext): boolean {
  const dicts = stripeDicts(ctx);
  for (const n of bodyNodes(fn)) {
    if (n.type === 'string' && isStripeEventType(stringValue(n) ?? '')) return true;
    if (n.type === 'identifier' && dicts.has(n.text)) return true;
  }
  return false;
}

export interface PySite {
  /** What to underline: the expression that builds the event from the request. */
  report: Node;
  /** `event = <report>` statement when the event is a plain local assignment (fixable). */
  assign: Assign | null;
}

/** The webhook site of a function, or null when it is not an unverified Stripe webhook handler. */
export function findSite(fn: Node, ctx: PyContext): PySite | null {
  const a = analyze(fn, ctx);
  if (!a.requestNames.size && !fnUsesSelfRequest(fn)) return null;
  if (fnUsesSelfRequest(fn)) a.selfRequest = true;
  if (!a.sourced.size && !anySourcedExpr(fn, a, ctx)) return null;

  let site: PySite | null = null;
  const stripeLiteral = hasStripeLiteral(fn, ctx);
  // type vars: `event_type = event["type"]` where event is sourced
  if (stripeLiteral) {
    for (const n of bodyNodes(fn)) {
      const base = typeAccessBase(n);
      if (!base || !isSourced(base, a, ctx.bindings)) continue;
      site = siteFor(base, n, a, ctx.bindings);
      break;
    }
  }
  // stripe.Event.construct_from(<request data>, ...)
  if (!site) {
    for (const n of bodyNodes(fn)) {
      if (n.type !== 'call' || !isSourced(n, a, ctx.bindings)) continue;
      const q = ctx.bindings.resolve(n.childForFieldName('function'));
      if (!q || !CONSTRUCT_FROM.has(q)) continue;
      const asg = a.assigns.find((s) => s.value.id === n.id) ?? null;
      site = { report: n, assign: asg };
      break;
    }
  }
  // the request data handed to a dispatcher defined in this file
  if (!site) {
    const funcs = localFunctions(ctx.root);
    for (const n of bodyNodes(fn)) {
      if (n.type !== 'call') continue;
      const callee = n.childForFieldName('function');
      const name = callee?.type === 'identifier' || (callee?.type === 'attribute' && callee.childForFieldName('object')?.text === 'self') ? calleeName(callee) : null;
      const target = name ? funcs.get(name) : undefined;
      if (!target || target.id === fn.id) continue;
      const idxs = dispatcherParams(target, ctx);
      if (!idxs.size) continue;
      const args = callArgs(n);
      for (const i of idxs) {
        const arg = args[i];
        if (arg && arg.type !== 'keyword_argument' && isSourced(arg, a, ctx.bindings)) {
          site = siteFor(arg, arg, a, ctx.bindings);
          break;
        }
      }
      if (site) break;
    }
  }
  if (!site) return null;
  if (verifies(fn, ctx, localFunctions(ctx.root), new Set(), 0)) return null;
  return site;
}

function fnUsesSelfRequest(fn: Node): boolean {
  const first = fn.childForFieldName('parameters')?.namedChildren[0];
  return first?.type === 'identifier' && first.text === 'self' && /\bself\.request\./.test(fn.childForFieldName('body')?.text ?? '');
}

function anySourcedExpr(fn: Node, a: FnAnalysis, ctx: PyContext): boolean {
  for (const n of bodyNodes(fn)) {
    if (n.type === 'attribute' && isSourced(n, a, ctx.bindings)) return true;
  }
  return false;
}

/** Where the event behind `base` is built: the last sourced assignment to it before `use`. */
function siteFor(base: Node, use: Node, a: FnAnalysis, b: PyBindings): PySite {
  if (base.type === 'identifier') {
    let chosen: Assign | null = null;
    for (const s of a.assigns) {
      if (s.name !== base.text || s.stmt.startIndex > use.startIndex) continue;
      if (isSourced(s.value, a, b)) chosen = s;
    }
    if (!chosen) chosen = a.assigns.find((s) => s.name === base.text && isSourced(s.value, a, b)) ?? null;
    if (chosen) {
      // follow a plain copy (`event = payload`) back to where the data was built
      return { report: chosen.value, assign: chosen };
    }
  }
  return { report: base, assign: null };
}

export const python: PyDetector = {
  nodeTypes: ['function_definition'],
  requires: REQUIRES,
  visit(fn: Node, ctx: PyContext) {
    const site = findSite(fn, ctx);
    if (!site) return;
    const name = fn.childForFieldName('name');
    const fixSite: PyWebhookSite | null = site.assign ? { fn, stmt: site.assign.stmt, eventName: site.assign.name } : null;
    ctx.report({
      node: site.report ?? name ?? fn,
      message: webhookMessage(fn.text),
      fixes: fixSite ? () => [verifyWebhookFix(ctx.file.text, ctx.root, ctx.bindings, fixSite)] : undefined,
    });
  },
};
