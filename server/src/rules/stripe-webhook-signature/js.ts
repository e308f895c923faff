/**
 * JavaScript / TypeScript detector for `stripe-webhook-signature`.
 *
 * For each function: the request parameter (`req`, `request`, a param typed
 * `Request` / `NextRequest` / `express.Request`, NestJS `@Req()`, Koa's
 * `ctx.request`), the locals that carry the request body (`const event = req.body`,
 * `JSON.parse(raw)`, `await req.json()`, destructuring, NestJS `@Body()`),
 * and whether `event.type` / `event["type"]` / a destructured `type` of such a
 * local is compared with Stripe event types. Verification anywhere in the
 * handler (`constructEvent`, `constructEventAsync`, `verifyHeader`, a
 * `timingSafeEqual`, a verifying helper in the same file, or a verifier
 * middleware in the route's arguments) makes it valid.
 */
import { ts } from 'ts-morph';
import type { JsContext, JsDetector } from '../../engine/types';
import { fixFromTransform } from '../../../../codemods/lib/jscodeshift';
import transform from '../../../../codemods/js/stripe-webhook-signature';
import { isStripeEventType, REQUIRES, VERIFIER_NAME_RE, webhookMessage } from './shared';

const BODY_ATTRS = new Set(['body', 'rawBody']);
const BODY_METHODS = new Set(['json', 'text', 'arrayBuffer', 'blob']);
const VERIFY_CALLS = new Set(['constructEvent', 'constructEventAsync', 'verifyHeader', 'verifyHeaderAsync', 'timingSafeEqual']);

type Fn = ts.FunctionLikeDeclaration;

interface Analysis {
  fn: Fn;
  request: Set<string>;
  /** NestJS `@Body()` parameters: the body itself */
  sourced: Set<string>;
  /** name -> initializer / assigned values */
  assigns: Array<{ name: string; value: ts.Expression; at: ts.Node; typeVar: boolean }>;
}

function isFn(n: ts.Node): n is Fn {
  return ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n);
}

/** Nodes of the function body, not descending into nested functions. */
function bodyNodes(fn: Fn, visit: (n: ts.Node) => void): void {
  const walk = (n: ts.Node): void => {
    visit(n);
    n.forEachChild((c) => {
      if (!isFn(c)) walk(c);
    });
  };
  if (fn.body) walk(fn.body);
}

function decoratorNames(p: ts.Node): string[] {
  const out: string[] = [];
  for (const d of ts.canHaveDecorators(p) ? (ts.getDecorators(p) ?? []) : []) {
    const e = d.expression;
    const callee = ts.isCallExpression(e) ? e.expression : e;
    if (ts.isIdentifier(callee)) out.push(callee.text);
  }
  return out;
}

function analyze(fn: Fn, sf: ts.SourceFile): Analysis {
  const a: Analysis = { fn, request: new Set(), sourced: new Set(), assigns: [] };
  fn.parameters.forEach((p) => {
    if (!ts.isIdentifier(p.name)) return;
    const name = p.name.text;
    const type = p.type ? p.type.getText(sf) : '';
    const decos = decoratorNames(p);
    if (decos.includes('Body')) a.sourced.add(name);
    else if (decos.includes('Req') || decos.includes('Request')) a.request.add(name);
    else if (name === 'req' || name === 'request' || /\b(Next|Fastify)?Request\b/.test(type)) a.request.add(name);
  });
  bodyNodes(fn, (n) => {
    if (ts.isVariableDeclaration(n) && n.initializer) {
      if (ts.isIdentifier(n.name)) a.assigns.push({ name: n.name.text, value: n.initializer, at: n, typeVar: false });
      else if (ts.isObjectBindingPattern(n.name)) {
        for (const el of n.name.elements) {
          if (!ts.isIdentifier(el.name)) continue;
          const prop = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
          a.assigns.push({ name: el.name.text, value: n.initializer, at: n, typeVar: prop === 'type' && !el.dotDotDotToken });
        }
      }
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left)) {
      a.assigns.push({ name: n.left.text, value: n.right, at: n, typeVar: false });
    }
  });
  for (let pass = 0; pass < 6; pass++) {
    let changed = false;
    for (const s of a.assigns) {
      if (a.sourced.has(s.name) || s.typeVar) continue;
      if (isSourced(s.value, a)) {
        a.sourced.add(s.name);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return a;
}

function unwrap(e: ts.Expression): ts.Expression {
  while (
    ts.isParenthesizedExpression(e) ||
    ts.isAwaitExpression(e) ||
    ts.isAsExpression(e) ||
    ts.isNonNullExpression(e) ||
    ts.isSatisfiesExpression(e) ||
    ts.isTypeAssertionExpression(e)
  ) {
    e = e.expression;
  }
  return e;
}

function isRequest(e: ts.Expression, a: Analysis): boolean {
  if (ts.isIdentifier(e)) return a.request.has(e.text);
  // Koa: ctx.request
  return ts.isPropertyAccessExpression(e) && e.name.text === 'request' && ts.isIdentifier(e.expression) && e.expression.text === 'ctx';
}

function isSourced(expr: ts.Expression, a: Analysis, depth = 0): boolean {
  if (depth > 12) return false;
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) return a.sourced.has(e.text);
  if (ts.isPropertyAccessExpression(e)) {
    if (isRequest(e.expression, a)) return BODY_ATTRS.has(e.name.text);
    return isSourced(e.expression, a, depth + 1);
  }
  if (ts.isElementAccessExpression(e)) return isSourced(e.expression, a, depth + 1);
  if (ts.isCallExpression(e)) {
    const callee = e.expression;
    if (ts.isPropertyAccessExpression(callee)) {
      if (ts.isIdentifier(callee.expression) && callee.expression.text === 'JSON' && callee.name.text === 'parse') {
        return e.arguments.length > 0 && isSourced(e.arguments[0], a, depth + 1);
      }
      if (isRequest(callee.expression, a)) return BODY_METHODS.has(callee.name.text);
      return isSourced(callee.expression, a, depth + 1); // raw.toString(), body.data.object
    }
  }
  return false;
}

/** `X.type` / `X["type"]` (not a callee) -> X */
function typeAccessBase(n: ts.Node): ts.Expression | null {
  const isCallee = n.parent && ts.isCallExpression(n.parent) && n.parent.expression === n;
  if (isCallee) return null;
  if (ts.isPropertyAccessExpression(n) && n.name.text === 'type') return n.expression;
  if (ts.isElementAccessExpression(n) && ts.isStringLiteralLike(n.argumentExpression) && n.argumentExpression.text === 'type') return n.expression;
  return null;
}

interface FileFacts {
  stripeMaps: Set<string>;
  functions: Map<string, Fn>;
}
const factsCache = new WeakMap<ts.SourceFile, FileFacts>();

function factsOf(sf: ts.SourceFile): FileFacts {
  let f = factsCache.get(sf);
  if (f) return f;
  f = { stripeMaps: new Set(), functions: new Map() };
  factsCache.set(sf, f);
  const ff = f;
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionDeclaration(n) && n.name) {
      if (!ff.functions.has(n.name.text)) ff.functions.set(n.name.text, n);
    } else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
      const init = unwrap(n.initializer);
      if ((ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && !ff.functions.has(n.name.text)) ff.functions.set(n.name.text, init);
      if (ts.isObjectLiteralExpression(init)) {
        const stripeKey = init.properties.some(
          (p) => ts.isPropertyAssignment(p) && (ts.isStringLiteral(p.name) || ts.isComputedPropertyName(p.name)) && isStripeEventType(ts.isStringLiteral(p.name) ? p.name.text : ''),
        );
        if (stripeKey) ff.stripeMaps.add(n.name.text);
      }
    } else if (ts.isMethodDeclaration(n) && ts.isIdentifier(n.name)) {
      if (!ff.functions.has(n.name.text)) ff.functions.set(n.name.text, n);
    }
    n.forEachChild(visit);
  };
  visit(sf);
  return f;
}

function hasStripeLiteral(fn: Fn, sf: ts.SourceFile): boolean {
  const maps = factsOf(sf).stripeMaps;
  let found = false;
  bodyNodes(fn, (n) => {
    if (found) return;
    if (ts.isStringLiteralLike(n) && isStripeEventType(n.text)) found = true;
    else if (ts.isIdentifier(n) && maps.has(n.text)) found = true;
  });
  return found;
}

function calleeName(e: ts.Expression): string | null {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return null;
}

/** Does this function (or a same-file helper it calls) verify a signature? */
function verifies(fn: Fn, sf: ts.SourceFile, seen: Set<ts.Node>, depth: number): boolean {
  if (seen.has(fn) || depth > 3) return false;
  seen.add(fn);
  const funcs = factsOf(sf).functions;
  let ok = false;
  const walk = (n: ts.Node): void => {
    if (ok) return;
    if (ts.isCallExpression(n)) {
      const name = calleeName(n.expression);
      if (name && (VERIFY_CALLS.has(name) || VERIFIER_NAME_RE.test(name))) ok = true;
      else if (name && (ts.isIdentifier(n.expression) || (ts.isPropertyAccessExpression(n.expression) && n.expression.expression.kind === ts.SyntaxKind.ThisKeyword))) {
        const local = funcs.get(name);
        if (local && local !== fn && verifies(local, sf, seen, depth + 1)) ok = true;
      }
    }
    n.forEachChild(walk);
  };
  if (fn.body) walk(fn.body);
  return ok;
}

/** A middleware argument next to the handler in `router.post(path, verify, handler)` that verifies. */
function routeVerifies(fn: Fn, sf: ts.SourceFile): boolean {
  const funcs = factsOf(sf).functions;
  const check = (call: ts.CallExpression, self: ts.Node): boolean =>
    call.arguments.some((arg) => {
      if (arg === self) return false;
      const e = ts.isCallExpression(arg) ? arg.expression : arg;
      const name = calleeName(e);
      if (!name) return false;
      if (VERIFIER_NAME_RE.test(name)) return true;
      const local = funcs.get(name);
      return !!local && local !== fn && verifies(local, sf, new Set(), 1);
    });
  // inline handler
  if (fn.parent && ts.isCallExpression(fn.parent) && check(fn.parent, fn)) return true;
  // named handler passed by name somewhere in the file
  const name = ts.isFunctionDeclaration(fn) && fn.name ? fn.name.text : fn.parent && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name.text : null;
  if (!name) return false;
  let ok = false;
  const walk = (n: ts.Node): void => {
    if (ok) return;
    if (ts.isCallExpression(n)) {
      const self = n.arguments.find((x) => ts.isIdentifier(x) && x.text === name);
      if (self && check(n, self)) ok = true;
    }
    n.forEachChild(walk);
  };
  walk(sf);
  return ok;
}

/** Parameter indexes on which a same-file function branches by Stripe event type (a dispatcher). */
function dispatcherParams(fn: Fn, sf: ts.SourceFile): Set<number> {
  const out = new Set<number>();
  if (!hasStripeLiteral(fn, sf)) return out;
  const params = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
  bodyNodes(fn, (n) => {
    const base = typeAccessBase(n);
    if (base && ts.isIdentifier(unwrap(base))) {
      const i = params.indexOf((unwrap(base) as ts.Identifier).text);
      if (i >= 0) out.add(i);
    }
  });
  return out;
}

export interface JsSite {
  report: ts.Node;
}

export function findJsSite(fn: Fn, sf: ts.SourceFile): JsSite | null {
  if (!fn.body) return null;
  const a = analyze(fn, sf);
  if (!a.request.size && !a.sourced.size && !/\bctx\.request\b/.test(fn.body.getText(sf))) return null;
  let site: JsSite | null = null;
  if (hasStripeLiteral(fn, sf)) {
    bodyNodes(fn, (n) => {
      if (site) return;
      const base = typeAccessBase(n);
      if (base && isSourced(base, a)) {
        site = siteFor(base, n, a, sf);
        return;
      }
      // `const { type } = req.body` / `const { type, data } = event`
      if (ts.isVariableDeclaration(n) && ts.isObjectBindingPattern(n.name) && n.initializer) {
        const hasType = n.name.elements.some((el) => ((el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : '') === 'type'));
        if (hasType && isSourced(n.initializer, a)) site = siteFor(n.initializer, n, a, sf);
      }
    });
  }
  if (!site) {
    const funcs = factsOf(sf).functions;
    bodyNodes(fn, (n) => {
      if (site || !ts.isCallExpression(n)) return;
      const name = calleeName(n.expression);
      const local = name && (ts.isIdentifier(n.expression) || (ts.isPropertyAccessExpression(n.expression) && n.expression.expression.kind === ts.SyntaxKind.ThisKeyword)) ? funcs.get(name) : undefined;
      if (!local || local === fn) return;
      for (const i of dispatcherParams(local, sf)) {
        const arg = n.arguments[i];
        if (arg && isSourced(arg, a)) {
          site = siteFor(arg, arg, a, sf);
          return;
        }
      }
    });
  }
  if (!site) return null;
  if (verifies(fn, sf, new Set(), 0) || routeVerifies(fn, sf)) return null;
  return site;
}

/** Where the event behind `base` is built: the last sourced assignment to it before `use`. */
function siteFor(base: ts.Expression, use: ts.Node, a: Analysis, sf: ts.SourceFile): JsSite {
  const e = unwrap(base);
  if (ts.isIdentifier(e)) {
    let chosen: ts.Expression | null = null;
    for (const s of a.assigns) {
      if (s.name !== e.text || s.typeVar || s.at.getStart(sf) > use.getStart(sf)) continue;
      if (isSourced(s.value, a)) chosen = s.value;
    }
    if (chosen) return { report: chosen };
    // NestJS `@Body() event`: the parameter is where the body comes in
    const param = a.fn.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === e.text);
    if (param) return { report: param };
  }
  return { report: base };
}

export const js: JsDetector = {
  kinds: [ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.FunctionExpression, ts.SyntaxKind.ArrowFunction, ts.SyntaxKind.MethodDeclaration],
  requires: REQUIRES,
  visit(node: ts.Node, ctx: JsContext) {
    if (!isFn(node)) return;
    const site = findJsSite(node, ctx.sourceFile);
    if (!site) return;
    const sf = ctx.sourceFile;
    const start = site.report.getStart(sf);
    const fetchStyle = /\.(json|text)\s*\(|JSON\.parse\(\s*\w+\s*\)/.test(site.report.getText(sf)) && !/\.body\b/.test(site.report.getText(sf));
    ctx.report({
      node: site.report,
      message: webhookMessage(node.getText(sf)),
      fixes: () => {
        try {
          return [fixFromTransform(ctx.file, transform, { start, end: site.report.getEnd() }, fetchStyle ? FETCH_FIX_TITLE : FIX_TITLE, 'unsafe')];
        } catch {
          return []; // a file the codemod's parser rejects: the finding stays, without a fix
        }
      },
    });
  },
};

export const FETCH_FIX_TITLE =
  'Verify the `Stripe-Signature` with `stripe.webhooks.constructEvent` over `await req.text()` (invalid signature answers 400)';
export const FIX_TITLE =
  'Verify the `Stripe-Signature` with `stripe.webhooks.constructEvent` (invalid signature answers 400; the route needs the raw body, e.g. `express.raw({ type: "application/json" })`)';
