/**
 * unbounded-input, JavaScript / TypeScript: a number converted from the request (`Number(...)`,
 * `parseInt` / `Number.parseInt`, `parseFloat`, unary `+` of `req.query` / `body` / `params`, or a
 * Next.js `searchParams.get(...)`) in a route handler, that reaches a size with no bound: a Prisma /
 * Sequelize / TypeORM `take` / `skip` / `limit` / `offset`, Mongoose / Knex `.limit(n)` / `.skip(n)`,
 * SQL `LIMIT ${n}` or `LIMIT $1` with the value, `Array(n)`, `.repeat(n)`, a loop's bound. Not flagged:
 * clamped (`Math.min`), compared before use, validated by a schema or an express-validator chain with
 * a `max`, not from the request, test code.
 */
import { ts } from 'ts-morph';
import type { JsContext, JsDetector } from '../../engine/types';
import { isJsTestCode, isBrowserModule } from '../../lang/scope';
import { enclosingFn, isRouteHandler, levelOf, builtValues, REQUEST, type JsTaintContext } from '../../lang/js/taint';
import { boundedIntFix } from '../../../../codemods/js/unbounded-input';

type Fn = ts.FunctionLikeDeclaration;

const SIZE_PROPS = new Set(['take', 'skip', 'limit', 'offset']);
const SIZE_METHODS = new Set(['limit', 'skip', 'offset', 'take', 'repeat', 'padStart', 'padEnd']);
const ALLOCATORS = new Set(['Array', 'Uint8Array', 'Int32Array', 'Float64Array']);
const RELATIONAL = new Set([ts.SyntaxKind.LessThanToken, ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanToken, ts.SyntaxKind.GreaterThanEqualsToken]);

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isAwaitExpression(e)) e = e.expression;
  return e;
}

/** The converted expression of a conversion node: `Number(x)`, `parseInt(x, 10)`, `Number.parseInt(x)`, `parseFloat(x)`, `+x`. */
export function convertedArg(n: ts.Node, ctx: JsContext): ts.Expression | null {
  if (ts.isPrefixUnaryExpression(n)) return n.operator === ts.SyntaxKind.PlusToken ? n.operand : null;
  if (!ts.isCallExpression(n) || !n.arguments.length) return null;
  const c = n.expression;
  let name: string | null = null;
  if (ts.isIdentifier(c)) name = c.text;
  else if (ts.isPropertyAccessExpression(c) && ts.isIdentifier(c.expression) && c.expression.text === 'Number') name = c.name.text;
  if (name === 'Number' && n.arguments.length === 1) return n.arguments[0];
  if (name === 'parseFloat' && n.arguments.length === 1) return n.arguments[0];
  // `parseInt(x, 16)`: a base other than ten, other intent
  if (name === 'parseInt' && (n.arguments.length === 1 || (n.arguments.length === 2 && n.arguments[1].getText() === '10'))) return n.arguments[0];
  return null;
}

function urlFromRequest(e: ts.Expression, fn: Fn, depth = 0): boolean {
  if (depth > 5) return false;
  e = unwrap(e);
  if (ts.isNewExpression(e)) return e.expression.getText() === 'URL' && !!e.arguments?.length && /^\w+\.url$/.test(unwrap(e.arguments[0]).getText());
  if (ts.isPropertyAccessExpression(e)) return (e.name.text === 'searchParams' || e.name.text === 'query') && urlFromRequest(e.expression, fn, depth + 1);
  if (ts.isIdentifier(e)) return builtValues(e, fn).some((v) => v !== e && urlFromRequest(v, fn, depth + 1));
  return false;
}

/** The client's text: a query / body / params read, a Next.js `searchParams.get(...)`, followed through local names. */
function fromRequest(e: ts.Expression, fn: Fn, tctx: JsTaintContext, depth = 0): boolean {
  if (depth > 6) return false;
  e = unwrap(e);
  if (/\b(?:headers|cookies|signedCookies)\b/.test(e.getText())) return false; // other rules' business
  if (levelOf(e, fn, tctx) === REQUEST) return true;
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) return fromRequest(e.left, fn, tctx, depth + 1);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'get') return urlFromRequest(e.expression.expression, fn);
  if (ts.isIdentifier(e)) return builtValues(e, fn).some((v) => v !== e && fromRequest(v, fn, tctx, depth + 1));
  return false;
}

/** Climb `Number(x) || 20`, `?? 20`, parentheses and casts to the expression that holds the number. */
export function valueExpression(conv: ts.Expression): ts.Expression {
  let e: ts.Expression = conv;
  for (;;) {
    const p = e.parent;
    if (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isSatisfiesExpression(p)) e = p;
    else if (ts.isBinaryExpression(p) && p.left === e && (p.operatorToken.kind === ts.SyntaxKind.BarBarToken || p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) && ts.isNumericLiteral(unwrap(p.right))) e = p;
    else return e;
  }
}

function isClamp(call: ts.Node): boolean {
  return ts.isCallExpression(call) && /^(?:Math\.(?:min|max)|clamp|_\.clamp|lodash\.clamp)$/.test(call.expression.getText());
}

/** Where the value ends up, if at a size: the node to report, else null. */
function sizeUse(e: ts.Expression): boolean {
  let cur: ts.Node = e;
  // `(Number(x) || 20) * 1`: arithmetic keeps it unbounded; a clamp bounds it
  while (ts.isBinaryExpression(cur.parent) && [ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken].includes(cur.parent.operatorToken.kind)) cur = cur.parent;
  const p = cur.parent;
  if (!p) return false;
  if (ts.isPropertyAssignment(p) && p.initializer === cur) {
    const n = p.name.getText().replace(/['"]/g, '');
    if (SIZE_PROPS.has(n) && ts.isObjectLiteralExpression(p.parent)) return true;
    if (n === 'length' && ts.isObjectLiteralExpression(p.parent) && ts.isCallExpression(p.parent.parent) && p.parent.parent.expression.getText() === 'Array.from') return true;
    return false;
  }
  if (ts.isShorthandPropertyAssignment(p)) return SIZE_PROPS.has(p.name.text);
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.[0] === cur) {
    const c = p.expression;
    if (ts.isPropertyAccessExpression(c) && SIZE_METHODS.has(c.name.text)) return true;
    if (ts.isIdentifier(c) && ALLOCATORS.has(c.text)) return true;
    if (c.getText() === 'Buffer.alloc' || c.getText() === 'Buffer.allocUnsafe') return true;
    return false;
  }
  if (ts.isTemplateSpan(p) && p.expression === cur) {
    const t = p.parent as ts.TemplateExpression;
    const i = t.templateSpans.indexOf(p);
    const before = i === 0 ? t.head.text : t.templateSpans[i - 1].literal.text;
    return /\b(?:LIMIT|OFFSET|TOP|FETCH\s+FIRST)\s*\(?\s*$/i.test(before);
  }
  if (ts.isArrayLiteralExpression(p) && ts.isCallExpression(p.parent) && p.parent.arguments.includes(p)) {
    const sql = p.parent.arguments[0];
    return sql !== p && /\b(?:LIMIT|OFFSET)\s+(?:\$\d+|\?|:\w+)/i.test(sql.getText());
  }
  if (ts.isBinaryExpression(p) && p.right === cur && (p.operatorToken.kind === ts.SyntaxKind.LessThanToken || p.operatorToken.kind === ts.SyntaxKind.LessThanEqualsToken) && ts.isForStatement(p.parent) && p.parent.condition === p) return true;
  return false;
}

function inClamp(e: ts.Node, stop: ts.Node): boolean {
  for (let cur: ts.Node = e; cur && cur !== stop; cur = cur.parent) if (isClamp(cur)) return true;
  return false;
}

/** Every use of `name` in `fn` after `at`, and whether one of them compares or clamps it. */
function usesOf(fn: Fn, name: string, at: number): { uses: ts.Identifier[]; bounded: boolean } {
  const uses: ts.Identifier[] = [];
  let bounded = false;
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n.text === name && n.pos >= at) {
      const p = n.parent;
      if (ts.isPropertyAccessExpression(p) && p.name === n) return;
      if (ts.isPropertyAssignment(p) && p.name === n) return;
      uses.push(n);
      if (ts.isBinaryExpression(p) && RELATIONAL.has(p.operatorToken.kind) && !(ts.isForStatement(p.parent) && p.parent.condition === p && p.right === n)) bounded = true;
      if (ts.isBinaryExpression(p) && p.left === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && isClamp(unwrap(p.right))) bounded = true;
      if (ts.isCallExpression(p) && isClamp(p)) {
        // `Math.min(limit, 100)` at the use bounds that use; assigned back bounds the name
        const up = p.parent;
        if (ts.isBinaryExpression(up) && up.operatorToken.kind === ts.SyntaxKind.EqualsToken) bounded = true;
      }
    }
    ts.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  return { uses, bounded };
}

/** express-validator on the route: `query('limit').isInt({ max: 100 })`, `checkSchema({ limit: { isInt: { options: { max } } } })`. */
function validatedByMiddleware(text: string, field: string | null): boolean {
  if (!field || !/express-validator|celebrate|joi|zod|yup/.test(text)) return false;
  const chain = new RegExp(`\\b(?:query|body|param|check)\\(\\s*['"\`]${field}['"\`]\\s*\\)[^;]*?\\b(?:isInt|isFloat|isNumeric|toInt)\\([^)]*\\bmax\\b`);
  if (chain.test(text)) return true;
  // a schema naming the field with a maximum: `limit: Joi.number().max(100)`, `limit: z.coerce.number().max(100)`
  return new RegExp(`\\b${field}\\s*:\\s*[\\w.]*(?:number|integer|int)\\(\\)[^,\\n]*\\.(?:max|lte|lessThan)\\(`, 'i').test(text);
}

/** The field the request value names: `req.query.limit`, `req.query["days"]`, `searchParams.get("limit")`, a destructured `limit`. */
export function fieldName(e: ts.Expression): string | null {
  e = unwrap(e);
  if (ts.isBinaryExpression(e)) return fieldName(e.left);
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
  if (ts.isCallExpression(e) && e.arguments[0] && ts.isStringLiteralLike(e.arguments[0])) return e.arguments[0].text;
  if (ts.isIdentifier(e)) return e.text;
  return null;
}

export const js: JsDetector = {
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.PrefixUnaryExpression],
  requires: /\b(?:Number|parseInt|parseFloat)\b|\+\s*[\w(]/,
  visit(node: ts.Node, ctx: JsContext) {
    const arg = convertedArg(node, ctx);
    if (!arg) return;
    let handler = enclosingFn(node);
    while (handler && !isRouteHandler(handler)) handler = enclosingFn(handler);
    if (!handler) return;
    const fn = enclosingFn(node)!;
    const tctx = { bindings: ctx.bindings, sourceFile: ctx.sourceFile };
    if (!fromRequest(arg, fn, tctx)) return;
    const value = valueExpression(node as ts.Expression);
    if (inClamp(value, fn)) return;
    let at: ts.Expression | null = null;
    if (sizeUse(value)) at = value;
    else {
      const d = value.parent;
      if (!ts.isVariableDeclaration(d) || d.initializer !== value || !ts.isIdentifier(d.name)) return;
      const { uses, bounded } = usesOf(fn, d.name.text, d.end);
      if (bounded) return;
      const sized = uses.find((u) => !inClamp(u, fn) && sizeUse(u));
      if (!sized) return;
      at = value;
    }
    if (validatedByMiddleware(ctx.file.text, fieldName(arg))) return;
    if (isJsTestCode(ctx.file.path, ctx.file.text) || isBrowserModule(ctx.file.path, ctx.file.text)) return;
    const h = handler;
    ctx.report({
      node,
      message: 'A number from the request reaches a query size or an allocation with no bound: `abc` is NaN and `10000000` goes through; parse it with a bounded helper',
      fixes: () => {
        const f = boundedIntFix(ctx.file.text, ctx.sourceFile, node as ts.Expression, arg, at!, fn, h);
        return f ? [f] : [];
      },
    });
  },
};
