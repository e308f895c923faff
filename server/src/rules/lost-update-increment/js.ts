/**
 * lost-update-increment, JavaScript / TypeScript (Prisma): `data: { n: row.n + k }`
 * in `update` / `updateMany` (or `update:` of `upsert`) on a Prisma client.
 */
import { ts } from 'ts-morph';
import type { JsContext, JsDetector } from '../../engine/types';
import { prismaCall } from '../../lang/js/prisma';
import { fixFromTransform } from '../../../../codemods/lib/jscodeshift';
import transform from '../../../../codemods/js/lost-update-increment';

function name(p: ts.PropertyAssignment): string | null {
  return ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : null;
}

function fieldOf(e: ts.Expression): string | null {
  let x = e;
  while (ts.isParenthesizedExpression(x) || ts.isNonNullExpression(x)) x = x.expression;
  // `(row?.n ?? 0)`
  if (ts.isBinaryExpression(x) && (x.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || x.operatorToken.kind === ts.SyntaxKind.BarBarToken)) return fieldOf(x.left);
  return ts.isPropertyAccessExpression(x) ? x.name.text : null;
}

export const js: JsDetector = {
  kinds: [ts.SyntaxKind.PropertyAssignment],
  // the call's method after its dot (`client.model.update`, `?.update`, a chain broken before the
  // dot or after it, a comment between): `update` alone is in most modules (`updatedAt`)
  requires: /\.\s*(?:update|upsert)|\*\/\s*(?:update|upsert)/,
  visit(node: ts.Node, ctx: JsContext) {
    const p = node as ts.PropertyAssignment;
    const field = name(p);
    const v = p.initializer;
    if (!field || !ts.isBinaryExpression(v)) return;
    const op = v.operatorToken.kind;
    if (op !== ts.SyntaxKind.PlusToken && op !== ts.SyntaxKind.MinusToken) return;
    const fromLeft = fieldOf(v.left) === field;
    const fromRight = op === ts.SyntaxKind.PlusToken && fieldOf(v.right) === field;
    if (!fromLeft && !fromRight) return;
    // string concatenation is not a counter
    const amount = fromLeft ? v.right : v.left;
    if (ts.isStringLiteralLike(amount) || ts.isTemplateExpression(amount)) return;
    const obj = p.parent;
    const section = obj?.parent;
    if (!ts.isObjectLiteralExpression(obj) || !section || !ts.isPropertyAssignment(section)) return;
    const arg = section.parent;
    const call = arg?.parent;
    if (!call || !ts.isCallExpression(call) || call.arguments[0] !== arg) return;
    const pc = prismaCall(call, ctx.bindings);
    if (!pc) return;
    const sec = name(section);
    if (!(((pc.op === 'update' || pc.op === 'updateMany') && sec === 'data') || (pc.op === 'upsert' && sec === 'update'))) return;
    const sf = ctx.sourceFile;
    const verb = op === ts.SyntaxKind.PlusToken ? 'increment' : 'decrement';
    ctx.report({
      node: p,
      message: `\`${field}\` is computed from a value read earlier and written back: concurrent requests overwrite each other's changes (lost update)`,
      fixes: () => [
        fixFromTransform(ctx.file, transform, { start: p.getStart(sf), end: p.getEnd() }, `Use \`{ ${verb}: ... }\` so the database applies the change atomically`, 'unsafe'),
      ],
    });
  },
};
