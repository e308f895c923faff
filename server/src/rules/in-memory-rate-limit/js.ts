/**
 * in-memory-rate-limit, JavaScript / TypeScript: `express-rate-limit` / `express-slow-down`
 * limiters made without a `store` (their default MemoryStore is per process), and
 * rate-limiter-flexible's `RateLimiterMemory`.
 */
import { ts } from 'ts-morph';
import type { JsContext, JsDetector } from '../../engine/types';
import { isJsTestCode } from '../../lang/scope';
import { jsStoreFix } from '../../../../codemods/js/in-memory-rate-limit';

const FACTORY = /^(express-rate-limit|express-slow-down)(\.(default|rateLimit|slowDown))?$/;

export const js: JsDetector = {
  kinds: [ts.SyntaxKind.CallExpression, ts.SyntaxKind.NewExpression],
  requires: /express-rate-limit|express-slow-down|RateLimiterMemory/,
  visit(node: ts.Node, ctx: JsContext) {
    if (isJsTestCode(ctx.file.path, ctx.file.text)) return;
    const sf = ctx.sourceFile;
    if (ts.isNewExpression(node)) {
      const q = ctx.bindings.resolve(node.expression);
      if (q !== 'rate-limiter-flexible.RateLimiterMemory') return;
      ctx.report({
        node,
        start: node.getStart(sf),
        end: node.expression.getEnd(),
        message: '`RateLimiterMemory` counts in process memory: each process and each instance has its own points, so N processes allow N times the limit (use `RateLimiterRedis`)',
      });
      return;
    }
    const call = node as ts.CallExpression;
    const q = ctx.bindings.resolve(call.expression);
    if (!q || !FACTORY.test(q)) return;
    const opts = call.arguments[0];
    if (opts && !ts.isObjectLiteralExpression(opts)) return; // options held elsewhere may carry a store
    if (opts && opts.properties.some((p) => ts.isSpreadAssignment(p) || (p.name && p.name.getText(sf) === 'store'))) return;
    const lib = q.startsWith('express-slow-down') ? 'express-slow-down' : 'express-rate-limit';
    ctx.report({
      node: call,
      start: call.getStart(sf),
      end: call.expression.getEnd(),
      message: `\`${call.expression.getText(sf)}(...)\` without a \`store\` uses ${lib}'s MemoryStore: each process counts on its own, so N processes (cluster, replicas) allow N times the limit, and a restart resets it`,
      fixes: () => [jsStoreFix(ctx.file, call)],
    });
  },
};
