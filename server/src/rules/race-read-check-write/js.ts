/**
 * race-read-check-write, JavaScript / TypeScript (Prisma): in one function a
 * row is read (`findUnique` / `findFirst` / `...OrThrow`), a condition tests
 * its fields, and the same model is then written (`update`, `updateMany`,
 * `upsert`, `delete`) for that row, outside `$transaction`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { FileEdits, JsContext, JsDetector } from '../../engine/types';
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

/**
 * `name.<field>` accesses (also `name?.field`, `name!.field`) inside an
 * expression. With `ownOnly`, accesses that go on to another object
 * (`row.program.status`, `row.links.length`) are left out: they test related
 * data, not this row.
 */
function fieldsOn(expr: ts.Node, name: string, ownOnly = false): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAccessExpression(n)) {
      let obj: ts.Expression = n.expression;
      while (ts.isNonNullExpression(obj) || ts.isParenthesizedExpression(obj)) obj = obj.expression;
      const onward = ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n;
      if (ts.isIdentifier(obj) && obj.text === name && !(ownOnly && onward)) out.push(n.name.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(expr);
  return out;
}

function hasCall(expr: ts.Node): boolean {
  let hit = false;
  const visit = (n: ts.Node): void => {
    if (hit || isFunctionLike(n)) return;
    if (ts.isCallExpression(n)) hit = true;
    ts.forEachChild(n, visit);
  };
  visit(expr);
  return hit;
}

function viaExternal(expr: ts.Node, external: Set<string>): boolean {
  return external.size > 0 && mentions(expr, external);
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

/**
 * The unit tests of the module (`team.service.spec.ts` beside `team.service.ts`, or in
 * `__tests__/`) that mock Prisma with jest-mock-extended (`const mockPrisma = mockDeep<...>()`,
 * `mockReset(mockPrisma)` in a top-level `beforeEach`) and never stub `$transaction`: once the
 * code runs in `$transaction`, the deep mock returns undefined and every test of it fails. The
 * edit makes the mock run the callback with itself, as such suites do for code that already
 * uses transactions: `mockPrisma.$transaction.mockImplementation(async (fn) => fn(mockPrisma));`.
 */
function specTransactionStub(filePath: string): FileEdits | null {
  const dir = path.dirname(filePath);
  const base = path.basename(filePath).replace(/\.(ts|js|mts|cts|tsx|jsx)$/, '');
  for (const d of [dir, path.join(dir, '__tests__')]) {
    for (const kind of ['spec', 'test']) {
      for (const ext of ['.ts', '.js']) {
        const spec = path.join(d, `${base}.${kind}${ext}`);
        let text: string;
        try {
          text = fs.readFileSync(spec, 'utf8');
        } catch {
          continue;
        }
        if (/\$transaction/.test(text)) return null;
        const mock = /^const (\w+) = mockDeep<\w+>\(\);?$/m.exec(text)?.[1];
        if (!mock) return null;
        const reset = new RegExp(`^beforeEach\\([^\\n]*\\{\\r?\\n([ \\t]+)mockReset\\(${mock}\\);?[^\\n]*$`, 'm').exec(text);
        if (!reset) return null;
        const at = reset.index + reset[0].length;
        const eol = text.includes('\r\n') ? '\r\n' : '\n';
        return { path: spec, edits: [{ start: at, end: at, newText: `${eol}${reset[1]}${mock}.$transaction.mockImplementation(async (fn) => fn(${mock}));` }] };
      }
    }
  }
  return null;
}

/** All `data` values are `{ increment | decrement: k }`: the database does the arithmetic. */
function onlyAtomicOps(data: ts.Expression | undefined): boolean {
  if (!data || !ts.isObjectLiteralExpression(data) || !data.properties.length) return false;
  return data.properties.every((p) => ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(p.initializer) && p.initializer.properties.every((q) => q.name && ts.isIdentifier(q.name) && /^(increment|decrement|multiply|divide)$/.test(q.name.text)));
}

/** Does an atomic `data` move a field of `name` that one of the checks tests? */
function movesCheckedField(data: ts.Expression | undefined, checks: ts.Expression[], name: string): boolean {
  if (!data || !ts.isObjectLiteralExpression(data)) return false;
  const tested = new Set(checks.flatMap((c) => fieldsOn(c, name, true)));
  return data.properties.some((p) => p.name && ts.isIdentifier(p.name) && tested.has(p.name.text) && ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(p.initializer) && p.initializer.properties.some((q) => q.name && ts.isIdentifier(q.name) && /^(increment|decrement)$/.test(q.name.text)));
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

/** Keys of a Prisma `data` object (spreads of `cond && { ... }` / `c ? { ... } : { ... }` included); null when unknown. */
function dataKeys(data: ts.Expression | undefined): Map<string, ts.Expression | null> | null {
  if (!data) return null;
  let d = data;
  while (ts.isParenthesizedExpression(d)) d = d.expression;
  if (ts.isObjectLiteralExpression(d)) {
    const out = new Map<string, ts.Expression | null>();
    for (const p of d.properties) {
      if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) out.set(p.name.text, p.initializer);
      else if (ts.isShorthandPropertyAssignment(p)) out.set(p.name.text, p.name);
      else if (ts.isSpreadAssignment(p)) {
        const inner = dataKeys(p.expression);
        // `...input`: values passed in, not read from the row
        if (!inner) {
          if (mentionsAny(p.expression)) out.set('', p.expression);
          continue;
        }
        for (const [k, v] of inner) out.set(k, v);
      } else return null;
    }
    return out;
  }
  if (ts.isBinaryExpression(d) && d.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return dataKeys(d.right);
  if (ts.isConditionalExpression(d)) {
    const a = dataKeys(d.whenTrue);
    const b = dataKeys(d.whenFalse);
    if (!a || !b) return null;
    return new Map([...a, ...b]);
  }
  return null;
}

/** Spread of something other than a plain local (`...row`, `...(row.x && {...})`): kept as an unknown key. */
function mentionsAny(e: ts.Expression): boolean {
  let x = e;
  while (ts.isParenthesizedExpression(x)) x = x.expression;
  return !ts.isIdentifier(x);
}

/**
 * The `if` a check belongs to does nothing but the update and logging: anything
 * else there (another write, an e-mail, a queue message) is guarded by the
 * check and would run twice.
 */
function guardsOnlyTheSync(cond: ts.Expression): boolean {
  const stmt = cond.parent;
  if (!stmt || !ts.isIfStatement(stmt) || stmt.expression !== cond) return false;
  const body = stmt.thenStatement;
  const stmts = ts.isBlock(body) ? [...body.statements] : [body];
  let updates = 0;
  for (const st of stmts) {
    let e: ts.Expression | undefined = ts.isExpressionStatement(st) ? st.expression : ts.isVariableStatement(st) ? st.declarationList.declarations[0]?.initializer : undefined;
    e = unwrapAwait(e);
    if (!e || !ts.isCallExpression(e)) return false;
    const callee = e.expression;
    const text = ts.isPropertyAccessExpression(callee) ? callee.expression.getText() : '';
    if (/^(console|logger|log)$/.test(text)) continue;
    if (ts.isPropertyAccessExpression(callee) && /^(update|updateMany)$/.test(callee.name.text) && ++updates === 1) continue;
    return false;
  }
  return true;
}

/** `row.f !== value` (either side): the fields compared that way, with the value's text. */
function inequalities(cond: ts.Expression, name: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || n.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsToken)) {
      for (const [side, other] of [[n.left, n.right], [n.right, n.left]] as const) {
        if (ts.isPropertyAccessExpression(side) && ts.isIdentifier(side.expression) && side.expression.text === name) out.set(side.name.text, other.getText());
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(cond);
  return out;
}

/**
 * Does the write change what the checks tested? A check on one field guarding
 * a write of unrelated fields whose values do not come from the row
 * (`if (!program.listedAt) 404` ... `data: { description }`) cannot lose an
 * update, nor can "set if different" (`if (org.email !== email) update({ email })`).
 * Anything not understood counts as dependent.
 */
function writeDependsOnCheck(name: string, checks: ts.Expression[], derivedFields: Map<string, Set<string>>, write: PrismaCall, external: Set<string>, ownField: (f: string) => boolean): boolean {
  if (write.op === 'delete') return !reactsToAnotherLookup(write.call, name, external, ownField);
  const data = prop(write.arg, write.op === 'upsert' ? 'update' : 'data')?.initializer;
  const keys = dataKeys(data);
  if (!keys) return !!data && !ts.isIdentifier(data); // `data: input`: values passed in
  const checked = new Set<string>();
  const setIfDifferent = new Map<string, string>();
  const derived = new Set(derivedFields.keys());
  for (const c of checks) {
    for (const f of fieldsOn(c, name, true)) if (!IDENTITY.test(f)) checked.add(f);
    for (const d of derived) if (mentions(c, new Set([d]))) for (const f of derivedFields.get(d) ?? []) checked.add(f);
    if (guardsOnlyTheSync(c)) for (const [f, v] of inequalities(c, name)) setIfDifferent.set(f, v);
  }
  const rowNames = new Set([name, ...derived]);
  for (const [key, value] of keys) {
    if (value && mentions(value, rowNames)) return true;
    if (key === '') return true;
    if (checked.has(key) && setIfDifferent.get(key) !== value?.getText()) return true;
  }
  return false;
}

/**
 * A delete whose nearest guard tests no field of the row, only the result of
 * another lookup (`if (isCollectionNotFound) delete(...)`, the collection
 * looked up from the row's ids is gone): an orphan cleanup. Every concurrent
 * caller sees the same orphan and deletes the same row; there is no state of
 * the row that a concurrent writer could change between the check and the
 * delete.
 */
function reactsToAnotherLookup(call: ts.Node, name: string, external: Set<string>, ownField: (f: string) => boolean): boolean {
  for (let cur: ts.Node | undefined = call.parent; cur && !isFunctionLike(cur); cur = cur.parent) {
    if (!ts.isIfStatement(cur)) continue;
    if (fieldsOn(cur.expression, name, true).some(ownField)) return false;
    return external.size > 0 && mentions(cur.expression, external);
  }
  return false;
}

/** Is `name` declared again in a block or loop between `node` and the function body (`for (const row of rows)`)? */
function shadowed(node: ts.Node, name: string, body: ts.Node, own: ts.VariableDeclaration): boolean {
  for (let cur: ts.Node | undefined = node.parent; cur && cur !== body; cur = cur.parent) {
    if ((ts.isForOfStatement(cur) || ts.isForInStatement(cur) || ts.isForStatement(cur)) && cur.initializer && ts.isVariableDeclarationList(cur.initializer)) {
      if (cur.initializer.declarations.some((d) => d !== own && ts.isIdentifier(d.name) && d.name.text === name)) return true;
    }
    if (ts.isBlock(cur)) {
      for (const st of cur.statements) {
        if (st.pos >= node.pos) break; // full-start positions order statements like getStart() does, without a walk to the source file
        if (ts.isVariableStatement(st) && st.declarationList.declarations.some((d) => d !== own && ts.isIdentifier(d.name) && d.name.text === name)) return true;
      }
    }
    if (ts.isCatchClause(cur) && cur.variableDeclaration && ts.isIdentifier(cur.variableDeclaration.name) && cur.variableDeclaration.name.text === name) return true;
  }
  return false;
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
    // relations loaded with `include: { rel: ... }` are other rows: checking them is not checking this one
    const related = new Set<string>();
    const include = prop(read.arg, 'include')?.initializer;
    if (include && ts.isObjectLiteralExpression(include)) {
      for (const p of include.properties) if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) related.add(p.name.text);
    }
    const ownField = (f: string): boolean => !IDENTITY.test(f) && !related.has(f);
    const derived = new Set<string>();
    /** locals holding the result of another lookup made with the row's fields */
    const external = new Set<string>();
    /** the row's fields each derived local was computed from */
    const derivedFields = new Map<string, Set<string>>();
    // the region where `name` is this row: not inside a nested scope that declares the name again
    // (only worth asking when the body declares the name a second time)
    const redeclared = nodes.some(
      (m) => m !== n && ((ts.isVariableDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === name) || (ts.isCatchClause(m) && !!m.variableDeclaration && ts.isIdentifier(m.variableDeclaration.name) && m.variableDeclaration.name.text === name)),
    );
    const visible = nodes.filter((m) => m.pos >= from && (!redeclared || !shadowed(m, name, body, n)));
    for (const m of visible) {
      if (!ts.isVariableDeclaration(m) || !ts.isIdentifier(m.name) || !m.initializer) continue;
      const own = fieldsOn(m.initializer, name).filter(ownField);
      const via = [...derived].filter((d) => mentions(m.initializer!, new Set([d])));
      if (!own.length && !via.length && !viaExternal(m.initializer, external)) continue;
      // computed by a call with the row's fields (`exportCollection(doc.collectionID)`): another lookup's result
      if (hasCall(m.initializer) || viaExternal(m.initializer, external)) external.add(m.name.text);
      if (!own.length && !via.length) continue;
      derived.add(m.name.text);
      const fields = new Set(own);
      for (const d of via) for (const f of derivedFields.get(d) ?? []) fields.add(f);
      derivedFields.set(m.name.text, fields);
    }
    const checks = visible
      .map((m) => (ts.isIfStatement(m) || ts.isWhileStatement(m) ? m.expression : ts.isConditionalExpression(m) ? m.condition : null))
      .filter((cond): cond is ts.Expression => !!cond && (fieldsOn(cond, name, true).some(ownField) || mentions(cond, derived)));
    const check = checks[0];
    if (!check) continue;
    const write = visible.find((m): m is ts.CallExpression => {
      if (m.getStart() < check.getStart() || !ts.isCallExpression(m)) return false;
      const pc: PrismaCall | null = prismaCall(m, ctx.bindings);
      if (!pc || pc.model !== read.model || !['update', 'updateMany', 'upsert', 'delete'].includes(pc.op)) return false;
      const where = prop(pc.arg, 'where')?.initializer;
      if (conditionalWhere(where, prop(read.arg, 'where')?.initializer)) return false;
      const data = prop(pc.arg, pc.op === 'upsert' ? 'update' : 'data')?.initializer;
      // the database does the arithmetic; still a race when the check tests the field it moves
      // (`if (event.remaining < seats) throw ...; data: { remaining: { decrement: seats } }`: both pass, -1 left)
      if (onlyAtomicOps(data) && !movesCheckedField(data, checks, name)) return false;
      // the same row: the where mentions the row, or repeats the read's where
      const readWhere = prop(read.arg, 'where')?.initializer;
      if (!where) return false;
      return !!where && (fieldsOn(where, name).length > 0 || (!!readWhere && readWhere.getText() === where.getText()));
    });
    if (!write) continue;
    if (!writeDependsOnCheck(name, checks, derivedFields, prismaCall(write, ctx.bindings)!, external, ownField)) continue;
    const stmt = n.parent.parent;
    const sf = ctx.sourceFile;
    const canFix = ts.isVariableStatement(stmt) && stmt.parent === body && !!fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
    ctx.report({
      node: stmt,
      message: `\`${name}\` is read, checked and written back outside a transaction: concurrent requests all pass the check`,
      fixes: () => {
        if (!canFix) return [];
        const range = { start: stmt.getStart(sf), end: stmt.getEnd() };
        // a simple comparison: check and write in one conditional `updateMany`, no lock (preferred, as in Python)
        const conditional = fixFromTransform(ctx.file, transform, range, 'Check and write in one conditional `updateMany` (the count tells whether the check passed), no lock', 'unsafe', { conditional: true });
        const tx = fixFromTransform(ctx.file, transform, range, 'Run the read, check and write in `$transaction` (Serializable), with the client renamed to `tx`', 'unsafe');
        const spec = tx ? specTransactionStub(ctx.file.path) : null;
        if (tx && spec) {
          tx.fileEdits = [spec];
          tx.title += `; the unit tests' Prisma mock runs the callback (\`${path.basename(spec.path)}\`)`;
        }
        return [conditional, tx];
      },
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
