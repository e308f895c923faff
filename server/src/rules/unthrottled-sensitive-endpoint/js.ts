/**
 * unthrottled-sensitive-endpoint, JavaScript / TypeScript: Express routes and
 * Next.js route handlers (lang/endpoints/js.ts) whose path or handler name is
 * sensitive, with no limiter in the chain, none `use`d before them (here or
 * where the router is mounted) and none called in the handler.
 */
import { ts } from 'ts-morph';
import type { JsContext, JsDetector } from '../../engine/types';
import * as path from 'node:path';
import { expressAuthenticated, expressRoute, mountedPath, expressUseLimits, nextEndpoints, nestEndpoints, pagesApiEndpoints, type JsEndpoint } from '../../lang/endpoints/js';
import { sensitiveMatch } from '../../lang/endpoints/model';
import { isBrowserModule, isJsTestCode } from '../../lang/scope';
import { message, unthrottled } from './shared';
import { jsFixes } from '../../../../codemods/js/unthrottled-sensitive-endpoint';

const WEBHOOK_BODY = /\bconstructEvent(Async)?\s*\(|stripe-signature|verifyWebhook|webhooks?\.verify/i;

function check(e: JsEndpoint, ctx: JsContext, project: () => ReturnType<typeof expressUseLimits>): void {
  const fragments = ctx.config.sensitiveEndpoints;
  if (!sensitiveMatch([e.handler, ...e.paths], fragments)) return;
  // a webhook verifies the provider's signature: the provider, not a script, calls it
  if (e.handlerArg && WEBHOOK_BODY.test(e.handlerArg.getText(ctx.sourceFile))) return;
  const v = unthrottled(e, e.limits.length ? [] : project(), fragments);
  if (!v) return;
  ctx.report({ node: e.node, start: e.start, end: e.end, message: message(e, v), fixes: () => jsFixes(ctx.file, e, v.fragment) });
}

/** The file names the express package (asked at every call: answered once per file). */
const expressFiles = new WeakMap<ts.SourceFile, boolean>();
function usesExpress(sf: ts.SourceFile, text: string): boolean {
  let hit = expressFiles.get(sf);
  if (hit === undefined) expressFiles.set(sf, (hit = /['"]express['"]/.test(text)));
  return hit;
}

export const js: JsDetector = {
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.SourceFile],
  requires: /\.(post|put|patch|delete|get|all)\s*\(|\b(POST|PUT|PATCH|DELETE|GET)\b|\bNextApi(Request|Handler)\b|req\.method|\bres\.(json|send|status|end)\s*\(|@(Post|Put|Patch|All)\s*\(/,
  mayFire: (file) => !isJsTestCode(file.path, file.text) && !isBrowserModule(file.path, file.text),
  visit(node: ts.Node, ctx: JsContext) {
    const fragments = ctx.config.sensitiveEndpoints;
    if (ts.isSourceFile(node)) {
      const interesting = (names: string[]): boolean => sensitiveMatch(names, fragments) !== null;
      for (const e of [...nextEndpoints(node, ctx.bindings, interesting), ...pagesApiEndpoints(node, ctx.bindings, interesting), ...nestEndpoints(node, ctx.bindings, interesting)]) check(e, ctx, () => []);
      return;
    }
    const e = expressRoute(node as ts.CallExpression, ctx.bindings, usesExpress(ctx.sourceFile, ctx.file.text), (names) => sensitiveMatch(names, fragments) !== null);
    // `use` limits apply to Express routes through the use order; unthrottled() reads them as the project's
    if (!e) return;
    e.authenticated = expressAuthenticated(e, ctx.sourceFile, ctx.bindings);
    // reported (and matched against admin paths) at the path it answers once its router is mounted
    if (e.localPath && path.isAbsolute(ctx.file.path)) e.paths = [mountedPath(ctx.file.path, e.localPath)];
    check(e, ctx, () => expressUseLimits(e, ctx.bindings));
  },
};
