/**
 * multi-write-without-transaction, JavaScript / TypeScript (Prisma): a route
 * handler (Express / Router / Fastify-style `x.post(path, ..., handler)`,
 * Next.js `export async function POST`, API routes `handler(req, res)`) or a
 * service / job function that makes two or more Prisma writes to different
 * rows (`create`, `update`, `upsert`, `delete`, `createMany`, ...), or a write
 * after an external side effect (fetch, axios, Stripe, e-mail, S3, queues),
 * outside `$transaction`. Writes of one row (`create` then `update` of its
 * `id`) count once; a write in a loop or an array callback counts as many.
 */
import { ts } from 'ts-morph';
import type { JsContext, JsDetector } from '../../engine/types';
import { inPrismaTransaction, prismaCall, PRISMA_WRITES, prop, type PrismaCall } from '../../lang/js/prisma';
import { isJsTestCode } from '../../lang/scope';
import { prismaTransactionFix, isJsSideEffect } from '../../../../codemods/js/multi-write-without-transaction';

const ROUTE_METHOD = /^(get|post|put|patch|delete|all|route|handle|use)$/;
const NEXT_HANDLER = /^(GET|POST|PUT|PATCH|DELETE)$/;
const SERVICE_PATH = /(^|[\\/])(services?|jobs?|workers?|tasks?|use-?cases|actions|lib[\\/]server|server[\\/]actions)([\\/])|\.(service|job|worker|task|actions)\.[cm]?[jt]sx?$/;

type Fn = ts.FunctionDeclaration | ts.MethodDeclaration | ts.ArrowFunction | ts.FunctionExpression;

export interface JsWrite {
  call: PrismaCall;
  key: string;
  inLoop: boolean;
}

function isFn(n: ts.Node): n is Fn {
  return ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n);
}

function paramNames(fn: Fn): string[] {
  return fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
}

function exported(n: ts.Node): boolean {
  return !!ts.getModifiers(n as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** A route handler, a service or a job: nothing above it opened a transaction. */
function isEntry(fn: Fn, ctx: JsContext): boolean {
  const parent = fn.parent;
  // `router.post("/x", auth, async (req, res) => ...)`
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isCallExpression(parent) && parent.arguments.includes(fn as ts.Expression)) {
    const callee = parent.expression;
    if (ts.isPropertyAccessExpression(callee) && ROUTE_METHOD.test(callee.name.text)) return true;
  }
  const params = paramNames(fn);
  if (params.includes('req') || params.includes('request')) return true;
  const name = ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) ? fn.name?.getText(ctx.sourceFile) : ts.isVariableDeclaration(parent) ? parent.name.getText(ctx.sourceFile) : undefined;
  if (name && NEXT_HANDLER.test(name)) return true;
  if (/(^|\n)\s*['"]use server['"]/.test(ctx.file.text.slice(0, 200)) && (exported(fn) || ts.isVariableDeclaration(parent))) return true;
  if (!SERVICE_PATH.test(ctx.file.path)) return false;
  // exported functions, module-level functions and class methods of service modules
  if (ts.isMethodDeclaration(fn)) return !fn.name.getText(ctx.sourceFile).startsWith('_') && !ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword);
  if (ts.isFunctionDeclaration(fn)) return ts.isSourceFile(fn.parent);
  return ts.isVariableDeclaration(parent) && ts.isVariableStatement(parent.parent.parent) && ts.isSourceFile(parent.parent.parent.parent);
}

/** Inside a loop or an array callback (`items.map(async (i) => prisma.x.create(...))`) below `fn`. */
function inLoop(n: ts.Node, fn: Fn): boolean {
  for (let cur = n.parent; cur && cur !== fn; cur = cur.parent) {
    if (ts.isForStatement(cur) || ts.isForOfStatement(cur) || ts.isForInStatement(cur) || ts.isWhileStatement(cur) || ts.isDoStatement(cur)) return true;
    if (isFn(cur)) return true;
  }
  return false;
}

/** The name a call's result is bound to (`const order = await prisma.order.create(...)`). */
function boundName(call: ts.CallExpression): string | null {
  let p: ts.Node = call.parent;
  while (ts.isAwaitExpression(p) || ts.isParenthesizedExpression(p)) p = p.parent;
  return ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) ? p.name.text : null;
}

/** The rows a write touches: the bound name of a create, the `where.id` of an update (`order.id` -> `order`). */
function writeKey(c: PrismaCall, sf: ts.SourceFile): string {
  const bound = boundName(c.call);
  if (c.op === 'create' && bound) return bound;
  const where = prop(c.arg, 'where')?.initializer;
  if (where && ts.isObjectLiteralExpression(where)) {
    const id = prop(where, 'id')?.initializer;
    if (id && ts.isPropertyAccessExpression(id) && ts.isIdentifier(id.expression) && id.name.text === 'id') return id.expression.text;
    return `${c.model}:${where.getText(sf).replace(/\s+/g, ' ')}`;
  }
  return `${c.model}@${c.call.getStart(sf)}`;
}

/** The `if` branches a node sits in (if-statement -> branch), below `fn`. */
function branches(n: ts.Node, fn: Fn): Map<ts.Node, ts.Node> {
  const out = new Map<ts.Node, ts.Node>();
  let child: ts.Node = n;
  for (let cur = n.parent; cur && cur !== fn; child = cur, cur = cur.parent) {
    if (ts.isIfStatement(cur) && child !== cur.expression) out.set(cur, child);
    if (ts.isConditionalExpression(cur) && child !== cur.condition) out.set(cur, child);
    if (ts.isCaseBlock(cur)) out.set(cur, child);
  }
  return out;
}

function exclusive(a: ts.Node, b: ts.Node, fn: Fn): boolean {
  const ba = branches(a, fn);
  const bb = branches(b, fn);
  for (const [k, v] of ba) if (bb.has(k) && bb.get(k) !== v) return true;
  return false;
}

function rowCount(writes: JsWrite[]): number {
  const keys = new Map<string, number>();
  for (const w of writes) keys.set(w.key, Math.max(keys.get(w.key) ?? 0, w.inLoop ? 2 : 1));
  let n = 0;
  for (const v of keys.values()) n += v;
  return n;
}

export const js: JsDetector = {
  kinds: [ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.MethodDeclaration, ts.SyntaxKind.ArrowFunction, ts.SyntaxKind.FunctionExpression],
  requires: /\.(create|update|upsert|delete|createMany|updateMany|deleteMany)\s*\(/,
  visit(node: ts.Node, ctx: JsContext) {
    const fn = node as Fn;
    if (!fn.body || !ts.isBlock(fn.body)) return;
    if (isJsTestCode(ctx.file.path, ctx.file.text)) return;
    // nested functions belong to the function around them
    for (let cur = fn.parent; cur; cur = cur.parent) if (isFn(cur)) return;
    if (inPrismaTransaction(fn)) return;
    if (!isEntry(fn, ctx)) return;
    const sf = ctx.sourceFile;
    let writes: JsWrite[] = [];
    const effects: ts.CallExpression[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) {
        // `prisma.$transaction(...)`: its writes are atomic
        if (ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === '$transaction') return;
        const c = prismaCall(n, ctx.bindings);
        if (c && PRISMA_WRITES.has(c.op)) writes.push({ call: c, key: writeKey(c, sf), inLoop: inLoop(n, fn) });
        else if (!c && isJsSideEffect(n, sf)) effects.push(n);
      }
      ts.forEachChild(n, visit);
    };
    visit(fn.body);
    if (!writes.length) return;
    const all = writes;
    const groups = writes.map((w) => writes.filter((o) => !exclusive(w.call.call, o.call.call, fn)));
    writes = groups.reduce((a, b) => (rowCount(b) > rowCount(a) ? b : a));
    const lastWrite = writes[writes.length - 1].call.call.getStart(sf);
    const before = effects.filter((e) => e.getStart(sf) < lastWrite && writes.every((w) => !exclusive(w.call.call, e, fn)));
    const rows = rowCount(writes);
    if (!before.length) {
      // deletions only (a cleanup): a failure half-way leaves rows a re-run deletes, nothing inconsistent
      // (unless the function can return between them: then the later deletions never run)
      const first = writes[0].call.call.getStart(sf);
      const returnsBetween = (n: ts.Node): boolean => (ts.isReturnStatement(n) || ts.isThrowStatement(n) ? n.getStart(sf) > first && n.getStart(sf) < lastWrite : ts.forEachChild(n, (c) => (ts.isFunctionLike(c) ? undefined : returnsBetween(c) || undefined)) ?? false);
      if (writes.every((w) => /^delete(Many)?$/.test(w.call.op)) && !returnsBetween(fn.body!)) return;
      // one write repeated over independent rows (a loop of upserts): each row stands alone
      if (writes.length === 1 && writes[0].inLoop) return;
    }
    // one write after a side effect: only a problem when something was written before it too
    if (rows < 2 && !(before.length && all.some((w) => w.call.call.getStart(sf) < before[0].getStart(sf)))) return;
    const models: string[] = [];
    for (const w of writes) if (!models.includes(w.call.model)) models.push(w.call.model);
    const shown = models.map((m) => `\`${m}\``).join(', ');
    const fix = prismaTransactionFix(ctx.file.text, sf, fn, writes.map((w) => w.call), before);
    const what = rows >= 2 ? `writes ${shown}${models.length === 1 ? ' rows' : ''}` : `writes ${shown} before and after an external call (\`${before[0].expression.getText(sf).slice(0, 40)}\`)`;
    const why = rows >= 2 ? 'when a later write fails, the earlier ones stay committed' : 'when the external call or the later write fails, the earlier write stays committed';
    // anchored where the handler starts: `router.post(` for a callback, the function otherwise
    const anchor = (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isCallExpression(fn.parent) ? fn.parent : ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) ? (fn.name ?? fn) : fn;
    const fnName = ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) ? fn.name?.getText(sf) : ts.isVariableDeclaration(fn.parent) ? fn.parent.name.getText(sf) : undefined;
    const fnLabel = fnName ? `\`${fnName}\`` : 'This handler';
    ctx.report({
      node: anchor,
      start: anchor.getStart(sf),
      end: ts.isCallExpression(anchor) ? anchor.expression.getEnd() : anchor.getEnd(),
      message: `${fnLabel} ${what} outside \`$transaction\`: ${why}${fix.why ? `; no automatic fix: ${fix.why}` : ''}`,
      fixes: fix.fix ? [fix.fix] : undefined,
    });
  },
};

