/**
 * Prisma knowledge shared by the locking rules (JS/TS): which expressions are
 * a Prisma client, which calls read or write a model, and whether code runs
 * inside `prisma.$transaction(...)`.
 *
 * A client is anything bound to `new PrismaClient()` (through imports,
 * aliases, `this.prisma`, typed parameters `prisma: PrismaClient`), a name or
 * member called `prisma` (the `lib/prisma.ts` singleton convention), or the
 * `tx` parameter of an interactive transaction.
 */
import { ts } from 'ts-morph';
import type { JsBindings } from './bindings';

export const PRISMA_READS = new Set(['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow']);
export const PRISMA_WRITES = new Set(['update', 'updateMany', 'upsert', 'delete', 'deleteMany', 'create', 'createMany']);
const PRISMA_OTHER = new Set(['count', 'aggregate', 'findMany', 'groupBy']);

export interface PrismaCall {
  call: ts.CallExpression;
  /** the client expression (`prisma`, `this.db`, `tx`) */
  client: ts.Expression;
  model: string;
  op: string;
  /** the object literal argument, when there is one */
  arg: ts.ObjectLiteralExpression | null;
}

function stripParens(e: ts.Expression): ts.Expression {
  let cur = e;
  while (ts.isParenthesizedExpression(cur) || ts.isNonNullExpression(cur) || ts.isAsExpression(cur)) cur = cur.expression;
  return cur;
}

/** Is `e` a Prisma client (or a transaction client)? */
export function isPrismaClient(e: ts.Expression, bindings: JsBindings): boolean {
  const x = stripParens(e);
  const q = bindings.resolve(x);
  if (q && (/PrismaClient\(\)/.test(q) || /^@prisma\/client(\.|$)/.test(q) || /(^|[./])prisma(\.default)?$/i.test(q))) return true;
  if (ts.isIdentifier(x) && /^prisma$/i.test(x.text)) return true;
  if (ts.isPropertyAccessExpression(x) && /^prisma$/i.test(x.name.text)) return true;
  if (ts.isIdentifier(x) && transactionParam(x) !== null) return true;
  return false;
}

/** `tx` used inside `client.$transaction(async (tx) => ...)`: the $transaction call, else null. */
export function transactionParam(id: ts.Identifier): ts.CallExpression | null {
  let cur: ts.Node | undefined = id.parent;
  while (cur) {
    if ((ts.isArrowFunction(cur) || ts.isFunctionExpression(cur)) && cur.parameters[0] && ts.isIdentifier(cur.parameters[0].name) && cur.parameters[0].name.text === id.text) {
      const call = cur.parent;
      if (call && ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === '$transaction') return call;
      return null;
    }
    cur = cur.parent;
  }
  return null;
}

/** `client.model.op(arg)` */
export function prismaCall(node: ts.Node, bindings: JsBindings): PrismaCall | null {
  if (!ts.isCallExpression(node)) return null;
  const callee = node.expression;
  if (!ts.isPropertyAccessExpression(callee)) return null;
  const op = callee.name.text;
  if (!PRISMA_READS.has(op) && !PRISMA_WRITES.has(op) && !PRISMA_OTHER.has(op)) return null;
  const modelAccess = callee.expression;
  if (!ts.isPropertyAccessExpression(modelAccess)) return null;
  const model = modelAccess.name.text;
  if (model.startsWith('$')) return null;
  if (!isPrismaClient(modelAccess.expression, bindings)) return null;
  const a = node.arguments[0];
  return { call: node, client: modelAccess.expression, model, op, arg: a && ts.isObjectLiteralExpression(a) ? a : null };
}

/** Inside `client.$transaction(async (tx) => ...)` or `client.$transaction([...])`. */
export function inPrismaTransaction(node: ts.Node): boolean {
  let cur: ts.Node | undefined = node.parent;
  while (cur) {
    if (ts.isCallExpression(cur) && ts.isPropertyAccessExpression(cur.expression) && cur.expression.name.text === '$transaction') return true;
    cur = cur.parent;
  }
  return false;
}

/** A property of an object literal by name. */
export function prop(obj: ts.ObjectLiteralExpression | null | undefined, name: string): ts.PropertyAssignment | null {
  if (!obj) return null;
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name) return p;
  }
  return null;
}

/** The function-like node enclosing `node`. */
export function enclosingFunctionLike(node: ts.Node): ts.FunctionLikeDeclaration | null {
  let cur: ts.Node | undefined = node.parent;
  while (cur) {
    if (ts.isFunctionDeclaration(cur) || ts.isMethodDeclaration(cur) || ts.isArrowFunction(cur) || ts.isFunctionExpression(cur)) return cur;
    cur = cur.parent;
  }
  return null;
}

/** `const name = <init>` declarations inside a function body (not nested functions), by name. */
export function localDeclarations(fn: ts.FunctionLikeDeclaration): Map<string, ts.VariableDeclaration> {
  const out = new Map<string, ts.VariableDeclaration>();
  const visit = (n: ts.Node): void => {
    if (n !== fn && (ts.isFunctionDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isMethodDeclaration(n))) return;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) out.set(n.name.text, n);
    ts.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  return out;
}

/** The expression without `await` / parentheses. */
export function unwrapAwait(e: ts.Expression | undefined): ts.Expression | undefined {
  let cur = e;
  while (cur && (ts.isAwaitExpression(cur) || ts.isParenthesizedExpression(cur))) cur = cur.expression;
  return cur;
}
