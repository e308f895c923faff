/**
 * race-read-check-write, JavaScript / TypeScript (Prisma): in one function a
 * row is read (`findUnique` / `findFirst` / `...OrThrow`), a condition tests
 * its fields, and the same model is then written (`update`, `updateMany`,
 * `upsert`, `delete`) for that row, outside `$transaction`.
 */
import { ts } from 'ts-morph';
import type { JsContext, JsDetector } from '../../engine/types';
import { inPrismaTransaction, prismaCall, prop, PRISMA_READS, unwrapAwait, type PrismaCall } from '../../lang/js/prisma';
import { fixFromTransform } from '../../../../codemods/lib/jscodeshift';
import transform from '../../../../codemods/js/race-read-check-write';

const IDENTITY = /^(id|uuid|slug|userId|ownerId|authorId|tenantId|organizationId|accountId|customerId|.*Id)$/;

function isFunctionLike(n: ts.Node): boolean {
  return ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n);
}

/** Nodes of a function body in source order, not entering nested functions. */
function bodyNodes(body: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  const visit = (n: ts.Node): void => {
    if (isFunctionLike(n)) return;
    out.push(n);
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return out;
}

/** `name.<field>` accesses (also `name?.field`, `name!.field`) inside an expression. */
function fieldsOn(expr: ts.Node, name: string): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAccessExpression(n)) {
      let obj: ts.Expression = n.expression;
      while (ts.isNonNullExpression(obj) || ts.isParenthesizedExpression(obj)) obj = obj.expression;
      if (ts.isIdentifier(obj) && obj.text === name) out.push(n.name.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(expr);
  return out;
}

function mentions(expr: ts.Node, names: Set<string>): boolean {
  let hit = false;
  const visit = (n: ts.Node): void => {
    if (hit) return;
    if (ts.isIdentifier(n) && names.has(n.text) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) hit = true;
    ts.forEachChild(n, visit);
  };
  visit(expr);
  return hit;
}

/** All `data` values are `{ increment | decrement: k }`: the database does the arithmetic. */
function onlyAtomicOps(data: ts.Expression | undefined): boolean {
  if (!data || !ts.isObjectLiteralExpression(data) || !data.properties.length) return false;
  return data.properties.every((p) => ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(p.initializer) && p.initializer.properties.every((q) => q.name && ts.isIdentifier(q.name) && /^(increment|decrement|multiply|divide)$/.test(q.name.text)));
}

/**
 * `where` with conditions beyond the row's identity: the database re-checks them
 * (conditional update). Filter operators (`{ stock: { gte: qty } }`) or fields
 * that the read did not look up count as conditions.
 */
function conditionalWhere(where: ts.Expression | undefined, readWhere: ts.Expression | undefined): boolean {
  if (!where || !ts.isObjectLiteralExpression(where)) return false;
  const readKeys = new Set<string>();
  if (readWhere && ts.isObjectLiteralExpression(readWhere)) for (const p of readWhere.properties) if (p.name && ts.isIdentifier(p.name)) readKeys.add(p.name.text);
  return where.properties.some((p) => {
    if (!p.name || !ts.isIdentifier(p.name)) return true;
    const key = p.name.text;
    if (ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(p.initializer) && !key.includes('_')) return true;
    return !IDENTITY.test(key) && !readKeys.has(key);
  });
}

function analyze(fn: ts.FunctionLikeDeclaration, ctx: JsContext): void {
  const body = fn.body;
  if (!body || !ts.isBlock(body)) return;
  if (inPrismaTransaction(fn)) return;
  const nodes = bodyNodes(body);
  for (const n of nodes) {
    if (!ts.isVariableDeclaration(n) || !ts.isIdentifier(n.name) || !n.initializer) continue;
    const init = unwrapAwait(n.initializer);
    const read = init ? prismaCall(init, ctx.bindings) : null;
    if (!read || !PRISMA_READS.has(read.op)) continue;
    const name = n.name.text;
    const from = n.getEnd();
    const derived = new Set<string>();
    for (const m of nodes) {
      if (m.getStart() < from || !ts.isVariableDeclaration(m) || !ts.isIdentifier(m.name) || !m.initializer) continue;
      if (fieldsOn(m.initializer, name).some((f) => !IDENTITY.test(f)) || mentions(m.initializer, derived)) derived.add(m.name.text);
    }
    const check = nodes.find((m) => {
      if (m.getStart() < from) return false;
      const cond = ts.isIfStatement(m) || ts.isWhileStatement(m) ? m.expression : ts.isConditionalExpression(m) ? m.condition : null;
      return !!cond && (fieldsOn(cond, name).some((f) => !IDENTITY.test(f)) || mentions(cond, derived));
    });
    if (!check) continue;
    const write = nodes.find((m): m is ts.CallExpression => {
      if (m.getStart() < check.getStart() || !ts.isCallExpression(m)) return false;
      const pc: PrismaCall | null = prismaCall(m, ctx.bindings);
      if (!pc || pc.model !== read.model || !['update', 'updateMany', 'upsert', 'delete'].includes(pc.op)) return false;
      const where = prop(pc.arg, 'where')?.initializer;
      if (conditionalWhere(where, prop(read.arg, 'where')?.initializer)) return false;
      const data = prop(pc.arg, pc.op === 'upsert' ? 'update' : 'data')?.initializer;
      if (onlyAtomicOps(data)) return false;
      // the same row: the where mentions the row, or repeats the read's where
      const readWhere = prop(read.arg, 'where')?.initializer;
      if (!where) return false;
      return !!where && (fieldsOn(where, name).length > 0 || (!!readWhere && readWhere.getText() === where.getText()));
    });
    if (!write) continue;
    const stmt = n.parent.parent;
    const sf = ctx.sourceFile;
    const canFix = ts.isVariableStatement(stmt) && stmt.parent === body && !!fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
    ctx.report({
      node: stmt,
      message: `\`${name}\` is read, checked and written back outside a transaction: concurrent requests all pass the check`,
      fixes: () =>
        canFix
          ? [fixFromTransform(ctx.file, transform, { start: stmt.getStart(sf), end: stmt.getEnd() }, 'Run the read, check and write in `$transaction` (Serializable), with the client renamed to `tx`', 'unsafe')]
          : [],
    });
  }
}

export const js: JsDetector = {
  kinds: [ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.MethodDeclaration, ts.SyntaxKind.ArrowFunction, ts.SyntaxKind.FunctionExpression],
  requires: /findUnique|findFirst/,
  visit(node: ts.Node, ctx: JsContext) {
    analyze(node as ts.FunctionLikeDeclaration, ctx);
  },
};
