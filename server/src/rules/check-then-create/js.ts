/**
 * check-then-create, JavaScript / TypeScript (Prisma): a `findUnique` /
 * `findFirst` / `count` on a model, tested, then `create` on the same model
 * with data covering the lookup.
 */
import { ts } from 'ts-morph';
import type { JsContext, JsDetector } from '../../engine/types';
import { enclosingFunctionLike, inPrismaTransaction, localDeclarations, prismaCall, prop, unwrapAwait, type PrismaCall } from '../../lang/js/prisma';
import { fixFromTransform } from '../../../../codemods/lib/jscodeshift';
import transform from '../../../../codemods/js/check-then-create';

/** Field names a `where` tests, compound unique keys flattened (`userId_pollId: { userId, pollId }`). */
function whereKeys(where: ts.Expression | undefined): string[] | null {
  if (!where || !ts.isObjectLiteralExpression(where)) return null;
  const out: string[] = [];
  for (const p of where.properties) {
    if (ts.isShorthandPropertyAssignment(p)) out.push(p.name.text);
    else if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
      if (ts.isObjectLiteralExpression(p.initializer) && p.name.text.includes('_')) {
        const inner = whereKeys(p.initializer);
        if (!inner) return null;
        out.push(...inner);
      } else out.push(p.name.text);
    } else return null; // spreads: too dynamic
  }
  return out;
}

function dataKeys(data: ts.Expression | undefined): Set<string> | 'any' | null {
  if (!data || !ts.isObjectLiteralExpression(data)) return data ? 'any' : null;
  const out = new Set<string>();
  for (const p of data.properties) {
    if (ts.isSpreadAssignment(p)) return 'any';
    if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
      out.add(p.name.text);
      // `user: { connect: { id } }` covers `userId`
      out.add(`${p.name.text}Id`);
    }
  }
  return out;
}

interface Lookup {
  read: PrismaCall;
  keys: string[];
  at: ts.Node;
  absentWhenTrue: boolean;
}

function lookupOf(cond: ts.Expression, ctx: JsContext): Lookup | null {
  let e = cond;
  let absent = false;
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    absent = true;
    e = e.operand;
  }
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  let countCheck = false;
  if (ts.isBinaryExpression(e)) {
    const k = e.operatorToken.kind;
    const rhs = e.right;
    const isNull = rhs.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(rhs) && rhs.text === 'undefined');
    const isZero = ts.isNumericLiteral(rhs) && rhs.text === '0';
    if (!isNull && !isZero) return null;
    if (k === ts.SyntaxKind.EqualsEqualsEqualsToken || k === ts.SyntaxKind.EqualsEqualsToken) absent = !absent;
    else if (!(k === ts.SyntaxKind.ExclamationEqualsEqualsToken || k === ts.SyntaxKind.ExclamationEqualsToken || (isZero && k === ts.SyntaxKind.GreaterThanToken))) return null;
    countCheck = isZero;
    e = e.left;
  }
  let at: ts.Node = cond;
  let value: ts.Expression | undefined = e;
  if (ts.isIdentifier(e)) {
    const fn = enclosingFunctionLike(e);
    const decl = fn ? localDeclarations(fn).get(e.text) : undefined;
    if (!decl || decl.getStart() > e.getStart()) return null;
    value = decl.initializer;
    at = decl.parent.parent; // the variable statement
  }
  const call = unwrapAwait(value);
  const read = call ? prismaCall(call, ctx.bindings) : null;
  if (!read) return null;
  if (countCheck ? read.op !== 'count' : !['findUnique', 'findFirst', 'findUniqueOrThrow', 'findFirstOrThrow'].includes(read.op)) {
    if (!(read.op === 'count' && countCheck)) return null;
  }
  const keys = whereKeys(prop(read.arg, 'where')?.initializer);
  if (!keys?.length) return null;
  return { read, keys, at, absentWhenTrue: absent };
}

function findCreate(node: ts.Node, lookup: Lookup, ctx: JsContext): ts.CallExpression | null {
  let found: ts.CallExpression | null = null;
  const visit = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n)) return;
    const pc = prismaCall(n, ctx.bindings);
    if (pc && pc.op === 'create' && pc.model === lookup.read.model) {
      const dk = dataKeys(prop(pc.arg, 'data')?.initializer);
      if (dk === 'any' || (dk && lookup.keys.every((k) => dk.has(k)))) {
        found = pc.call;
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

function exits(s: ts.Statement): boolean {
  const last = ts.isBlock(s) ? s.statements[s.statements.length - 1] : s;
  return !!last && (ts.isReturnStatement(last) || ts.isThrowStatement(last) || ts.isContinueStatement(last) || ts.isBreakStatement(last));
}

export const js: JsDetector = {
  kinds: [ts.SyntaxKind.IfStatement],
  // a Prisma create after a findUnique / findFirst / count of the same model (lookupOf, findCreate)
  requires: [/\bcreate\b/, /\bfind(?:Unique|First)|\bcount\b/],
  visit(node: ts.Node, ctx: JsContext) {
    const ifs = node as ts.IfStatement;
    const lookup = lookupOf(ifs.expression, ctx);
    if (!lookup) return;
    if (inPrismaTransaction(ifs)) return;
    let create: ts.CallExpression | null = null;
    // `if (row) { update } else { create }`: the create branch races like any other
    let updateElse = false;
    if (lookup.absentWhenTrue) create = findCreate(ifs.thenStatement, lookup, ctx);
    else if (ifs.elseStatement && !exits(ifs.thenStatement)) {
      create = findCreate(ifs.elseStatement, lookup, ctx);
      updateElse = !!create;
    } else if (exits(ifs.thenStatement) && ts.isBlock(ifs.parent)) {
      const stmts = ifs.parent.statements;
      for (let i = stmts.indexOf(ifs) + 1; i < stmts.length && !create; i++) create = findCreate(stmts[i], lookup, ctx);
    }
    if (!create) return;
    const sf = ctx.sourceFile;
    const at = lookup.at;
    // the upsert rewrite covers the check-then-create shape; an update branch needs its own `update` data
    const canFix = !updateElse && lookup.read.op === 'findUnique' && ts.isVariableStatement(at);
    ctx.report({
      node: at,
      message: updateElse
        ? `Updates the \`${lookup.read.model}\` if it exists, else creates one: two concurrent requests both find none and create duplicates`
        : `Checks that no \`${lookup.read.model}\` exists, then creates one: two concurrent requests both pass the check and create duplicates`,
      fixes: () =>
        canFix
          ? [fixFromTransform(ctx.file, transform, { start: at.getStart(sf), end: at.getEnd() }, 'Use `upsert` on the unique `where` (the database decides, no duplicate)', 'unsafe')]
          : [],
    });
  },
};
