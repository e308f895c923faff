/**
 * unpaginated-list, JavaScript / TypeScript: Prisma `findMany()` with no `take` in a route handler
 * (Express-style `(req, res)` handlers and `app.get(...)` callbacks, Next.js `route.ts` handlers),
 * so the endpoint reads the whole table. Not flagged: an argument that is not an object literal
 * (built elsewhere) or spreads one, a `cursor`, filters on an `in:` list, test and browser code.
 */
import { ts } from 'ts-morph';
import type { JsContext, JsDetector } from '../../engine/types';
import { isJsTestCode, isBrowserModule } from '../../lang/scope';
import { prismaCall, prop } from '../../lang/js/prisma';
import { enclosingFn, isRouteHandler, isNextRouteHandler } from '../../lang/js/taint';
import { pageFromQueryFix } from '../../../../codemods/js/unpaginated-list';

export const js: JsDetector = {
  kinds: [ts.SyntaxKind.CallExpression],
  requires: /\bfindMany\b/,
  visit(node: ts.Node, ctx: JsContext) {
    const call = node as ts.CallExpression;
    if (!ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'findMany') return;
    const p = prismaCall(call, ctx.bindings);
    if (!p) return;
    const a = call.arguments[0];
    if (a && !p.arg) return; // built elsewhere: may carry take
    if (p.arg && (p.arg.properties.some((x) => ts.isSpreadAssignment(x)) || prop(p.arg, 'take') || prop(p.arg, 'cursor') || p.arg.properties.some((x) => x.name?.getText() === 'take'))) return;
    if (p.arg && /\bin\s*:/.test(prop(p.arg, 'where')?.getText() ?? '')) return;
    // the handler itself, or a callback inside it
    let fn = enclosingFn(call);
    while (fn && !isRouteHandler(fn)) fn = enclosingFn(fn);
    if (!fn) return;
    if (isJsTestCode(ctx.file.path, ctx.file.text) || isBrowserModule(ctx.file.path, ctx.file.text)) return;
    const handler = fn;
    ctx.report({
      node: call.expression.name,
      message: '`findMany()` with no `take` in a route handler returns the whole table: page it with `take` / `skip` from validated query parameters',
      fixes: () => {
        const f = pageFromQueryFix(ctx.file.text, ctx.sourceFile, call, handler, isNextRouteHandler(handler));
        return f ? [f] : [];
      },
    });
  },
};
