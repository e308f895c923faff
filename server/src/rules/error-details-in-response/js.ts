/**
 * error-details-in-response, JavaScript / TypeScript.
 *
 * In a `catch (err)` block, a promise `.catch((err) => ...)` callback, an Express error
 * middleware `(err, req, res, next)` or a Fastify `setErrorHandler` callback: a response
 * whose body carries the error's text (`err.message`, `err.stack`, `err` itself,
 * `String(err)`, `` `${err}` ``, `JSON.stringify(err)`), directly or through locals.
 *
 * Responses: `res.status(..).json/send(...)`, `res.json/send/end(...)` on the response
 * parameter of a handler (or a value typed as Express' `Response`), Fastify
 * `reply.code(..).send(...)`, Next.js `NextResponse.json(...)`, `Response.json(...)`,
 * `new Response(...)`, and NestJS `new HttpException(...)` / `new *Exception(...)` from
 * `@nestjs/common`.
 *
 * Not flagged: validation details meant for the client (`err.errors`, `err.issues`,
 * `err.details`, `err.flatten()`), other properties (`err.code`, `err.status`), and
 * branches that only run for the app's own errors (`if (err instanceof AppError)`,
 * `err.expose`, `err.isOperational`, `err.status < 500`).
 */
import { ts } from 'ts-morph';
import type { JsContext, JsDetector } from '../../engine/types';
import { fixFromTransform } from '../../../../codemods/lib/jscodeshift';
import transform from '../../../../codemods/js/error-details-in-response';
import { isBrowserModule, isJsTestCode } from '../../lang/scope';

/** Properties of an error that hold its internal text. */
export const JS_TEXT_PROPS = new Set(['message', 'stack', 'toString', 'sqlMessage', 'sql', 'stderr', 'cause']);
const RESPONSE_NAMES = /^(res|response|resp|reply|rep)$/;
/** Jest's fixture folders hold inputs for tests, not served code. */
const TEST_FIXTURE_DIR = /(^|[\\/])(__fixtures__|__mocks__)[\\/]/;
const SEND_METHODS = new Set(['json', 'send', 'end', 'jsonp']);
const BUILTIN_ERRORS = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError', 'Object']);

interface JsExceptionContext {
  name: string;
  /** the catch block or the handler function */
  scope: ts.Node;
  fn: ts.FunctionLikeDeclaration | null;
}

function paramName(fn: ts.SignatureDeclaration, i: number): string | null {
  const p = fn.parameters[i];
  return p && ts.isIdentifier(p.name) ? p.name.text : null;
}

/** A function that receives an error: `.catch(fn)`, `(err, req, res, next)`, `setErrorHandler(fn)`, `onError`. */
function handlerOf(fn: ts.FunctionLikeDeclaration): string | null {
  const p = fn.parent;
  if (p && ts.isCallExpression(p) && p.arguments.includes(fn as unknown as ts.Expression) && ts.isPropertyAccessExpression(p.expression)) {
    const m = p.expression.name.text;
    if (m === 'catch' && p.arguments[0] === (fn as unknown)) return paramName(fn, 0);
    if (m === 'setErrorHandler') return paramName(fn, 0);
  }
  if (fn.parameters.length === 4) {
    const first = paramName(fn, 0);
    if (first && /^(err|error|e|ex|exc|exception)$/i.test(first)) return first;
  }
  return null;
}

function exceptionContext(node: ts.Node): JsExceptionContext | null {
  let cur: ts.Node | undefined = node.parent;
  while (cur) {
    if (ts.isCatchClause(cur)) {
      const d = cur.variableDeclaration;
      if (!d || !ts.isIdentifier(d.name)) return null;
      let fn: ts.Node | undefined = cur.parent;
      while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
      return { name: d.name.text, scope: cur.block, fn: (fn as ts.FunctionLikeDeclaration) ?? null };
    }
    if (ts.isFunctionLike(cur)) {
      const fn = cur as ts.FunctionLikeDeclaration;
      const name = handlerOf(fn);
      return name ? { name, scope: fn, fn } : null;
    }
    if (ts.isClassLike(cur)) return null;
    cur = cur.parent;
  }
  return null;
}

/** Does `expr` put the error's text into a value? */
export function jsCarries(expr: ts.Node | undefined, exc: string, locals: Set<string>): boolean {
  if (!expr) return false;
  let top: ts.Node = expr;
  while (ts.isParenthesizedExpression(top) || ts.isAsExpression(top) || ts.isNonNullExpression(top)) top = top.expression;
  if (ts.isIdentifier(top) && (top.text === exc || locals.has(top.text))) return true; // `res.send(err)`
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n)) {
      if (!isValueUse(n)) return;
      if (locals.has(n.text)) found = true;
      else if (n.text === exc && textUse(n)) found = true;
      return;
    }
    if (ts.isFunctionLike(n)) return;
    // `err instanceof X`, `typeof err`: a test, not the text
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) return;
    if (ts.isTypeOfExpression(n)) return;
    if (ts.isConditionalExpression(n)) {
      // `status < 500 ? message : "Internal server error"`: only errors with a client status
      // (the app's own HTTP errors) show their text
      const c = n.condition;
      const client = ts.isBinaryExpression(c) && c.right.getText() === '500' ? c.operatorToken.kind : null;
      if (client !== ts.SyntaxKind.LessThanToken) visit(n.whenTrue);
      if (client !== ts.SyntaxKind.GreaterThanEqualsToken) visit(n.whenFalse);
      return;
    }
    n.forEachChild(visit);
  };
  visit(expr);
  return found;
}

function isValueUse(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p)) && p.name === id) return false;
  if (ts.isShorthandPropertyAssignment(p)) return true;
  return true;
}

/** `err`, `err.message`, `err.stack`, `err?.message`: the text; not `err.code`, `err.errors`. */
function textUse(id: ts.Identifier): boolean {
  let p: ts.Node = id.parent;
  while (ts.isNonNullExpression(p) || ts.isParenthesizedExpression(p) || ts.isAsExpression(p)) p = p.parent;
  if (ts.isPropertyAccessExpression(p)) return JS_TEXT_PROPS.has(p.name.text);
  if (ts.isElementAccessExpression(p)) return ts.isStringLiteral(p.argumentExpression) && JS_TEXT_PROPS.has(p.argumentExpression.text);
  // `if (err)`, `err === undefined`, `!err`: tests
  if (ts.isPrefixUnaryExpression(p) || (ts.isBinaryExpression(p) && /Equals/.test(ts.SyntaxKind[p.operatorToken.kind]))) return false;
  if (ts.isIfStatement(p)) return false;
  if (ts.isCallExpression(p) && p.expression !== id) {
    // `console.error(err)` inside a value, `isAxiosError(err)`: a call with the error is not its text
    const callee = p.expression.getText();
    return /^(String|JSON\.stringify|util\.inspect|inspect|format|util\.format)$/.test(callee);
  }
  return true;
}

/** Locals of the function (declared before `before`) that hold the error's text. */
function taintedLocals(fn: ts.Node | null, exc: string, before: number): Set<string> {
  const locals = new Set<string>();
  if (!fn) return locals;
  const decls: Array<{ name: string; value: ts.Node }> = [];
  const visit = (n: ts.Node): void => {
    if (n.pos >= before) return;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) decls.push({ name: n.name.text, value: n.initializer });
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      let target: ts.Node = n.left;
      while (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) target = target.expression;
      if (ts.isIdentifier(target)) decls.push({ name: target.text, value: n.right });
    }
    if (n !== fn && ts.isFunctionLike(n) && !isCatchCallback(n)) return;
    n.forEachChild(visit);
  };
  visit(fn);
  for (let round = 0; round < 3; round++) {
    const size = locals.size;
    for (const d of decls) if (!locals.has(d.name) && d.name !== exc && jsCarries(d.value, exc, locals)) locals.add(d.name);
    if (locals.size === size) break;
  }
  return locals;
}

function isCatchCallback(n: ts.Node): boolean {
  const p = n.parent;
  return !!p && ts.isCallExpression(p) && ts.isPropertyAccessExpression(p.expression) && p.expression.name.text === 'catch';
}

/** The sink runs only for the app's own errors: `if (err instanceof AppError)`, `err.expose`, `status < 500`. */
function guardedForPublicErrors(node: ts.Node, scope: ts.Node, exc: string): boolean {
  let cur: ts.Node | undefined = node.parent;
  let child: ts.Node = node;
  while (cur && cur !== scope) {
    if ((ts.isIfStatement(cur) && cur.thenStatement === child) || (ts.isConditionalExpression(cur) && cur.whenTrue === child)) {
      const cond = ts.isIfStatement(cur) ? cur.expression : cur.condition;
      if (publicCondition(cond, exc)) return true;
    }
    if (ts.isCaseClause(cur) && /\.(name|code|type)\b/.test(cur.parent.parent.expression.getText())) return true;
    child = cur;
    cur = cur.parent;
  }
  return false;
}

function publicCondition(cond: ts.Expression, exc: string): boolean {
  let hit = false;
  const visit = (n: ts.Node): void => {
    if (hit) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) {
      const cls = n.right.getText();
      if (!BUILTIN_ERRORS.has(cls) && !/^(Prisma\.)?Prisma\w*Error$|AxiosError$/.test(cls)) hit = true;
    }
    if (ts.isPropertyAccessExpression(n) && /^(expose|isOperational|isPublic|isHttpError|isBoom)$/.test(n.name.text)) hit = true;
    if (ts.isCallExpression(n) && /^(isHttpError|isBoom|isAppError|isApiError|isHttpException|isClientError)$/.test(n.expression.getText().split('.').pop() ?? '')) hit = true;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.LessThanToken && /status/i.test(n.left.getText()) && /^[45]00$/.test(n.right.getText())) hit = true;
    if (ts.isBinaryExpression(n) && /EqualsEquals/.test(ts.SyntaxKind[n.operatorToken.kind]) && new RegExp(`^${exc}\\??\\.name$`).test(n.left.getText()) && /Validation|Zod|Joi|Yup|Cast|Syntax|Multer/.test(n.right.getText())) hit = true;
    n.forEachChild(visit);
  };
  visit(cond);
  return hit;
}

// ------------------------------------------------------------------ responses

interface Sink {
  payload: ts.Expression[];
  label: string;
}

function rootIdentifier(e: ts.Expression): ts.Identifier | null {
  let cur = e;
  while (ts.isCallExpression(cur) || ts.isPropertyAccessExpression(cur)) cur = cur.expression;
  return ts.isIdentifier(cur) ? cur : null;
}

/** `res.status(500).json(x)`, `reply.code(500).send(x)`: the chain's methods below the sending one are status/header setters. */
function isResponseChain(call: ts.CallExpression, ctx: JsContext): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !SEND_METHODS.has(callee.name.text)) return false;
  let cur: ts.Expression = callee.expression;
  while (ts.isCallExpression(cur) && ts.isPropertyAccessExpression(cur.expression) && /^(status|code|type|set|header|setHeader|contentType)$/.test(cur.expression.name.text)) cur = cur.expression.expression;
  if (ts.isPropertyAccessExpression(cur) && cur.expression.kind === ts.SyntaxKind.ThisKeyword) return false;
  if (!ts.isIdentifier(cur)) return false;
  const q = ctx.bindings.resolve(cur);
  // typed as a framework's response (`res: Response` from express, `MedusaResponse`, `FastifyReply`)
  if (q && /(Response|Reply)\(\)$/.test(q)) return true;
  if (q) return false; // bound to something else (an HTTP client's result)
  return RESPONSE_NAMES.test(cur.text);
}

function sinkOf(node: ts.Node, ctx: JsContext): Sink | null {
  if (ts.isCallExpression(node)) {
    if (isResponseChain(node, ctx)) return { payload: node.arguments.slice(0, 1), label: `\`${shortText(node)}\`` };
    const callee = node.expression;
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'json' && ts.isIdentifier(callee.expression)) {
      const obj = callee.expression.text;
      const q = ctx.bindings.resolve(callee.expression);
      if ((obj === 'NextResponse' && q && /^next\/server\.NextResponse$/.test(q)) || (obj === 'Response' && !q)) {
        return { payload: node.arguments.slice(0, 1), label: `\`${obj}.json(...)\`` };
      }
    }
    return null;
  }
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
    const name = node.expression.text;
    const q = ctx.bindings.resolve(node.expression);
    if ((name === 'Response' && !q) || (name === 'NextResponse' && q === 'next/server.NextResponse')) return { payload: (node.arguments ?? []).slice(0, 1), label: `\`new ${name}(...)\`` };
    if (q && /^@nestjs\/common\.\w*Exception$/.test(q) && node.parent && ts.isThrowStatement(node.parent) && !caughtAround(node.parent)) return { payload: (node.arguments ?? []).slice(0, 1), label: `\`new ${name}(...)\`` };
  }
  return null;
}

/**
 * Is a thrown exception caught again before it leaves the function: inside the `try` block of
 * an enclosing `try` (also through a callback passed to a call, such as
 * `prisma.$transaction(async (tx) => ...)` awaited there) whose `catch` does not rethrow it?
 * Then its text never reaches a response from here.
 */
function caughtAround(stmt: ts.ThrowStatement): boolean {
  let child: ts.Node = stmt;
  let cur: ts.Node | undefined = stmt.parent;
  while (cur) {
    if (ts.isTryStatement(cur) && cur.tryBlock === child && cur.catchClause && !rethrows(cur.catchClause)) return true;
    if (ts.isFunctionLike(cur)) {
      // a callback handed to a call runs (and throws) where that call is awaited; any other function ends the search
      if (!cur.parent || !ts.isCallExpression(cur.parent) || !cur.parent.arguments.includes(cur as unknown as ts.Expression)) return false;
    }
    if (ts.isClassLike(cur) || ts.isSourceFile(cur)) return false;
    child = cur;
    cur = cur.parent;
  }
  return false;
}

/** Does a catch clause throw its own error again (`throw err`)? */
function rethrows(clause: ts.CatchClause): boolean {
  const d = clause.variableDeclaration;
  const name = d && ts.isIdentifier(d.name) ? d.name.text : null;
  let hit = false;
  const visit = (n: ts.Node): void => {
    if (hit || ts.isFunctionLike(n)) return;
    if (ts.isThrowStatement(n) && n.expression && ts.isIdentifier(n.expression) && n.expression.text === name) hit = true;
    n.forEachChild(visit);
  };
  visit(clause.block);
  return hit;
}

function shortText(call: ts.CallExpression): string {
  const callee = call.expression.getText();
  return `${callee.length > 40 ? callee.slice(0, 40) + '…' : callee}(...)`;
}

/** Needs-input reason: every error gets the same client status, so which texts are public is the author's call. */
export const CLIENT_ERRORS = 'which errors are meant for the client';

/**
 * The status the sink answers with: a literal, `'expr'` (a local or `err.status || 500`, which
 * the codemod keeps for 4xx texts), `'none'` (Express' and Fastify's default 200) or `'other'`
 * (a NestJS exception, a status the sink does not show).
 */
function answerStatus(node: ts.Node): number | 'expr' | 'none' | 'other' {
  const web = ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ts.isIdentifier(node.expression.expression) && /^(NextResponse|Response)$/.test(node.expression.expression.text);
  if (!web && ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && SEND_METHODS.has(node.expression.name.text)) {
    let cur: ts.Expression = node.expression.expression;
    while (ts.isCallExpression(cur) && ts.isPropertyAccessExpression(cur.expression)) {
      if (/^(status|code)$/.test(cur.expression.name.text)) {
        const a = cur.arguments[0];
        return a && ts.isNumericLiteral(a) ? Number(a.text) : 'expr';
      }
      cur = cur.expression.expression;
    }
    return 'none';
  }
  // `NextResponse.json(body, { status: 400 })`, `new Response(body, { status })`
  const args = ts.isCallExpression(node) || ts.isNewExpression(node) ? node.arguments ?? [] : [];
  const init = args[1];
  if (init && ts.isObjectLiteralExpression(init)) {
    const p = init.properties.find((x) => x.name && ts.isIdentifier(x.name) && x.name.text === 'status');
    if (p && ts.isPropertyAssignment(p)) return ts.isNumericLiteral(p.initializer) ? Number(p.initializer.text) : 'expr';
    if (p) return 'expr';
  }
  // `NextResponse.json(body)`, `new Response(body)`: 200
  return web || (ts.isNewExpression(node) && /Response$/.test(node.expression.getText())) ? 'none' : 'other';
}

/** A webhook's caller is the provider, not a user: a generic text there loses nothing. */
function isWebhookHandler(node: ts.Node, filePath: string): boolean {
  if (/(^|[\\/])(webhooks?|hooks)([\\/]|\.)/i.test(filePath)) return true;
  let cur: ts.Node | undefined = node.parent;
  while (cur && !ts.isSourceFile(cur)) {
    if (ts.isFunctionLike(cur)) {
      const name = cur.name && ts.isIdentifier(cur.name) ? cur.name.text : cur.parent && ts.isVariableDeclaration(cur.parent) && ts.isIdentifier(cur.parent.name) ? cur.parent.name.text : '';
      if (/webhook/i.test(name) || /\bconstructEvent(Async)?\s*\(|\bverify(Webhook|Signature)\w*\s*\(/.test(cur.getText())) return true;
    }
    cur = cur.parent;
  }
  return false;
}

/** Cheap syntactic test before any binding is resolved: a send / json / new Response / new *Exception shape. */
function sinkShape(node: ts.Node): boolean {
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    return node.arguments.length > 0 && ts.isPropertyAccessExpression(callee) && SEND_METHODS.has(callee.name.text);
  }
  return ts.isNewExpression(node) && !!node.arguments?.length && ts.isIdentifier(node.expression) && /Response$|Exception$/.test(node.expression.text);
}

export const js: JsDetector = {
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression],
  requires: /catch|err/,
  visit(node: ts.Node, ctx: JsContext) {
    if (!sinkShape(node)) return;
    const ec = exceptionContext(node);
    if (!ec) return;
    const sink = sinkOf(node, ctx);
    if (!sink || !sink.payload.length) return;
    const locals = taintedLocals(ec.fn ?? ec.scope, ec.name, node.pos);
    if (!sink.payload.some((p) => jsCarries(p, ec.name, locals))) return;
    if (guardedForPublicErrors(node, ec.scope, ec.name)) return;
    if (isJsTestCode(ctx.file.path, ctx.file.text) || isBrowserModule(ctx.file.path, ctx.file.text) || TEST_FIXTURE_DIR.test(ctx.file.path)) return;
    const sf = ctx.sourceFile;
    // a 4xx (or Express' default 200) for every error: the app means some of these texts for the
    // client (its own "invitation expired"), and which ones only its author knows
    const status = answerStatus(node);
    const ambiguous = (status === 'none' || (typeof status === 'number' && status < 500)) && !isWebhookHandler(node, ctx.file.path);
    ctx.report({
      node,
      message: `${sink.label} sends the text of \`${ec.name}\` to the client: error messages and stacks reveal internals (SQL, paths, keys); log it and answer a generic message`,
      fixes: () => {
        const fix = fixFromTransform(ctx.file, transform, { start: node.getStart(sf), end: node.getEnd() }, 'Answer a generic message (same status) and log the error', 'unsafe');
        if (fix && ambiguous) {
          fix.title = 'Answer a generic message (same status) and log the error; keep the texts of errors meant for the client';
          fix.needsInput = CLIENT_ERRORS;
        }
        return [fix];
      },
    });
  },
};
