/**
 * cors-wildcard, JS/TS: the `cors` middleware (through `import cors from 'cors'`,
 * `import * as cors`, `require('cors')`, aliases) called with no options, with options that
 * leave `origin` at its default (`*`), with `origin: '*'`, or with `origin: true` (the request's
 * own origin echoed) together with `credentials: true`. Options are read inline or from a
 * `const` of the file; options built elsewhere, spread from defaults, or an `origin` function
 * are not judged. Test code, browser code and calls under an `if` about development are skipped.
 */
import { ts } from 'ts-morph';
import type { Fix, JsContext, JsDetector } from '../../engine/types';
import type { TextEdit } from '../../text/edits';
import { isBrowserModule, isJsTestCode } from '../../lang/scope';
import { addPropertiesEdit, hasSpread, jsQuote, objectLiteralOf, property, unwrapExpression } from '../../lang/js/objects';

const CORS = new Set(['cors', 'cors.default']);
const DEV = /\bdev\b|isDev|development|\btest|local|!==?\s*['"`]production['"`]|!\s*is_?prod/i;

/** Under the then-branch of an `if` (or a `?:`) about development, or the else-branch of one about production. */
function underDevCondition(node: ts.Node): boolean {
  for (let cur: ts.Node = node; cur.parent; cur = cur.parent) {
    const p = cur.parent;
    if (ts.isIfStatement(p) || ts.isConditionalExpression(p)) {
      const cond = (ts.isIfStatement(p) ? p.expression : p.condition).getText();
      const then = ts.isIfStatement(p) ? p.thenStatement : p.whenTrue;
      if (cur === then && DEV.test(cond)) return true;
      if (cur !== then && cur !== (ts.isIfStatement(p) ? p.expression : p.condition) && /production|is_?prod/i.test(cond) && !/!/.test(cond)) return true;
    }
    if (ts.isFunctionLike(p)) {
      const name = (p as ts.FunctionLikeDeclaration).name?.getText() ?? '';
      if (/dev|test|mock/i.test(name)) return true;
    }
  }
  return false;
}

export function originsExpr(q: string): string {
  return `(process.env.CORS_ALLOWED_ORIGINS ?? ${q}${q}).split(${q},${q}).filter(Boolean)`;
}

export const js: JsDetector = {
  kinds: [ts.SyntaxKind.CallExpression],
  requires: /\bcors\b/,
  visit(node: ts.Node, ctx: JsContext) {
    const call = node as ts.CallExpression;
    if (!ts.isIdentifier(call.expression) && !ts.isPropertyAccessExpression(call.expression)) return;
    const q0 = ctx.bindings.resolve(call.expression);
    if (!q0 || !CORS.has(q0)) return;
    if (isJsTestCode(ctx.file.path, ctx.file.text) || isBrowserModule(ctx.file.path, ctx.file.text) || underDevCondition(call)) return;
    const sf = ctx.sourceFile;
    const arg = call.arguments[0];
    const q = jsQuote(ctx.file.text);
    const callee = call.expression.getText(sf);
    const report = (message: string, fix: Fix | null): void =>
      ctx.report({ node, start: call.getStart(sf), end: call.expression.getEnd(), message: `${message}; allow the origins listed in the environment`, fixes: fix ? [fix] : undefined });
    const title = 'Allow only the origins listed in `CORS_ALLOWED_ORIGINS`';
    if (!arg) {
      const open = call.arguments.pos;
      report(`\`${callee}()\` without options answers \`Access-Control-Allow-Origin: *\`: any website may call this API from its visitors' browsers and read the answers`, {
        title,
        applicability: 'unsafe',
        edits: [{ start: open, end: call.getEnd() - 1, newText: `{ origin: ${originsExpr(q)} }` }],
      });
      return;
    }
    const options = objectLiteralOf(arg, ctx.bindings);
    if (!options || hasSpread(options)) return;
    const origin = property(options, 'origin', sf);
    const credentials = property(options, 'credentials', sf);
    const withCookies = !!credentials && ts.isPropertyAssignment(credentials) && unwrapExpression(credentials.initializer).kind === ts.SyntaxKind.TrueKeyword;
    if (!origin) {
      report(`\`${callee}(...)\` without \`origin\` answers \`Access-Control-Allow-Origin: *\`: any website may call this API from its visitors' browsers and read the answers`, {
        title,
        applicability: 'unsafe',
        edits: [addPropertiesEdit(ctx.file.text, options, sf, [`origin: ${originsExpr(q)}`])],
      });
      return;
    }
    if (!ts.isPropertyAssignment(origin)) return;
    const value = unwrapExpression(origin.initializer);
    const star = ts.isStringLiteralLike(value) && value.text === '*';
    const echo = value.kind === ts.SyntaxKind.TrueKeyword && withCookies;
    if (!star && !echo) return;
    const edits: TextEdit[] = [{ start: origin.initializer.getStart(sf), end: origin.initializer.getEnd(), newText: originsExpr(q) }];
    report(
      star
        ? `\`origin: ${value.getText(sf)}\` lets any website call this API from its visitors' browsers and read the answers`
        : '`origin: true` with `credentials: true` echoes every origin and lets it send the visitor\'s cookies: any website can act as the signed-in user',
      { title, applicability: 'unsafe', edits },
    );
  },
};
