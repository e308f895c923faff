/**
 * json-file-race, JavaScript / TypeScript: a function reads a JSON file
 * (`JSON.parse(fs.readFileSync(p))`, `JSON.parse(await readFile(p))` from
 * `fs/promises`, fs-extra `readJson`) and later writes the same path
 * (`fs.writeFileSync(p, ...)`, `await writeFile(p, ...)`, `writeJson`) without
 * taking a lock. The write to a temp file + rename, or with `write-file-atomic`,
 * is not a plain write, so it never pairs.
 */
import { ts } from 'ts-morph';
import type { JsContext, JsDetector } from '../../engine/types';
import { fixFromTransform } from '../../../../codemods/lib/jscodeshift';
import transform, { fsOperation, isLockName, LOCK_MODULES, pathKey, TOOLING_FILES, type FsOp } from '../../../../codemods/js/json-file-race';

type Fn = ts.FunctionLikeDeclaration;

interface Access {
  node: ts.CallExpression;
  op: FsOp;
  path: ts.Expression;
}

function unwrap(e: ts.Expression | undefined): ts.Expression | undefined {
  let x = e;
  while (
    x &&
    (ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isNonNullExpression(x) || ts.isAwaitExpression(x) || ts.isSatisfiesExpression(x) || ts.isTypeAssertionExpression(x))
  ) {
    x = x.expression;
  }
  return x;
}

function isFunction(n: ts.Node): n is Fn {
  return ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n) || ts.isConstructorDeclaration(n) || ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n);
}

/** Nodes of a function's own scope (nested functions excluded). */
function ownNodes(fn: Fn, visit: (n: ts.Node) => void): void {
  const body = fn.body;
  if (!body) return;
  const rec = (n: ts.Node): void => {
    if (isFunction(n)) return;
    visit(n);
    ts.forEachChild(n, rec);
  };
  visit(body);
  ts.forEachChild(body, rec);
}

function hasCallback(call: ts.CallExpression): boolean {
  const last = call.arguments[call.arguments.length - 1];
  return !!last && (ts.isArrowFunction(last) || ts.isFunctionExpression(last));
}

/** Last names of the file calls `fsOperation` knows (fs, fs/promises, graceful-fs, fs-extra, jsonfile). */
const FS_CALL = /^(?:read|write|output)(?:File|Json|JSON)(?:Sync)?$/;

/** Names the file binds by import or top-level `require`: an alias (`import { writeFile as save }`) may be a file call. */
const importedNames = new WeakMap<ts.SourceFile, Set<string>>();

function importedIn(sf: ts.SourceFile): Set<string> {
  let names = importedNames.get(sf);
  if (names) return names;
  names = new Set();
  const add = (n: ts.BindingName): void => {
    if (ts.isIdentifier(n)) names!.add(n.text);
    else for (const e of n.elements) if (!ts.isOmittedExpression(e)) add(e.name);
  };
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) {
      const c = st.importClause;
      if (c?.name) names.add(c.name.text);
      const b = c?.namedBindings;
      if (b && ts.isNamespaceImport(b)) names.add(b.name.text);
      else if (b) for (const e of b.elements) names.add(e.name.text);
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) if (d.initializer) add(d.name);
    }
  }
  importedNames.set(sf, names);
  return names;
}

function opOf(call: ts.CallExpression, ctx: JsContext): FsOp | null {
  // the cheap syntactic test first: a callee named like a file call, or a name the file imports
  const c = unwrap(call.expression);
  const name = c && ts.isPropertyAccessExpression(c) ? c.name.text : c && ts.isIdentifier(c) ? c.text : null;
  if (!name || !(FS_CALL.test(name) || (ts.isIdentifier(c!) && importedIn(ctx.sourceFile).has(name)))) return null;
  return fsOperation(ctx.bindings.resolve(call.expression), hasCallback(call));
}

/** The last `const name = init` of the function's own scope before `at`. */
function localInit(fn: Fn, name: string, at: number): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  ownNodes(fn, (n) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name && n.initializer && n.end <= at) found = n.initializer;
  });
  return found;
}

/** `readFile(P)` behind the argument of `JSON.parse`: through `.toString()`, `String(...)`, `await` and a local. */
function readCallOf(arg: ts.Expression | undefined, fn: Fn, ctx: JsContext, depth = 0): { call: ts.CallExpression; op: FsOp } | null {
  const x = unwrap(arg);
  if (!x || depth > 3) return null;
  if (ts.isIdentifier(x)) {
    const init = localInit(fn, x.text, x.getStart(ctx.sourceFile));
    return init ? readCallOf(init, fn, ctx, depth + 1) : null;
  }
  if (!ts.isCallExpression(x)) return null;
  const c = x.expression;
  if (ts.isPropertyAccessExpression(c) && c.name.text === 'toString') return readCallOf(c.expression, fn, ctx, depth);
  if (ts.isIdentifier(c) && c.text === 'String' && x.arguments.length === 1) return readCallOf(x.arguments[0], fn, ctx, depth);
  const op = opOf(x, ctx);
  return op?.kind === 'read' && !op.json ? { call: x, op } : null;
}

/** `fs.readFile(P, (err, raw) => { JSON.parse(raw) ... })`: the read call whose callback `fn` is, for its data parameter. */
function callbackRead(fn: Fn, name: string, ctx: JsContext): { call: ts.CallExpression; op: FsOp } | null {
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[call.arguments.length - 1] !== fn) return null;
  const data = fn.parameters[1]?.name;
  if (!data || !ts.isIdentifier(data) || data.text !== name) return null;
  const op = opOf(call, ctx);
  return op?.kind === 'read' && op.mode === 'callback' ? { call, op } : null;
}

function isJsonParse(call: ts.CallExpression): boolean {
  const c = call.expression;
  return ts.isPropertyAccessExpression(c) && ts.isIdentifier(c.expression) && c.expression.text === 'JSON' && c.name.text === 'parse';
}

function accesses(fn: Fn, ctx: JsContext): { reads: Access[]; writes: Access[] } {
  const reads: Access[] = [];
  const writes: Access[] = [];
  ownNodes(fn, (n) => {
    if (!ts.isCallExpression(n)) return;
    if (isJsonParse(n)) {
      const arg = n.arguments[0];
      const ua = unwrap(arg);
      const r = readCallOf(arg, fn, ctx) ?? (ua && ts.isIdentifier(ua) ? callbackRead(fn, ua.text, ctx) : null);
      const p = r?.call.arguments[0];
      if (r && p && !ts.isSpreadElement(p)) reads.push({ node: n, op: r.op, path: p });
      return;
    }
    const op = opOf(n, ctx);
    const p = n.arguments[0];
    if (!op || !p || ts.isSpreadElement(p)) return;
    if (op.kind === 'read' && op.json) reads.push({ node: n, op, path: p });
    else if (op.kind === 'write' && n.arguments.length >= 2) writes.push({ node: n, op, path: p });
  });
  return { reads, writes };
}

/** Writes in callbacks nested in `fn` (`fs.readFile(p, cb)` -> `fs.writeFile(p, ..., cb2)` inside cb). */
function nestedWrites(fn: Fn, ctx: JsContext): Access[] {
  const out: Access[] = [];
  const rec = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const op = opOf(n, ctx);
      const p = n.arguments[0];
      if (op?.kind === 'write' && p && !ts.isSpreadElement(p) && n.arguments.length >= 2) out.push({ node: n, op, path: p });
    }
    ts.forEachChild(n, rec);
  };
  if (fn.body) ts.forEachChild(fn.body, rec);
  return out;
}

function calleeName(e: ts.Expression): string {
  const x = unwrap(e);
  if (!x) return '';
  if (ts.isIdentifier(x)) return x.text;
  if (ts.isPropertyAccessExpression(x)) return x.name.text;
  return '';
}

function isLockCall(n: ts.Node, ctx: JsContext): boolean {
  if (!ts.isCallExpression(n) && !ts.isNewExpression(n)) return false;
  if (isLockName(calleeName(n.expression))) return true;
  const q = ctx.bindings.resolve(n.expression);
  return !!q && LOCK_MODULES.test(q.replace(/^node:/, ''));
}

/** The function (nested callbacks included) takes a lock, or runs inside a lock-named call. */
function locked(fn: Fn, ctx: JsContext): boolean {
  let found = false;
  const rec = (n: ts.Node): void => {
    if (found) return;
    if (isLockCall(n, ctx)) found = true;
    else ts.forEachChild(n, rec);
  };
  if (fn.body) rec(fn.body);
  for (let cur: ts.Node | undefined = fn.parent; cur && !found; cur = cur.parent) {
    if (isLockCall(cur, ctx)) found = true;
  }
  return found;
}

function samePath(a: ts.Expression, b: ts.Expression, fn: Fn, ctx: JsContext): boolean {
  const sf = ctx.sourceFile;
  const ta = pathKey(a.getText(sf));
  const tb = pathKey(b.getText(sf));
  if (ta === tb) return true;
  const va = ts.isIdentifier(a) ? localInit(fn, a.text, a.getStart(sf)) : undefined;
  const vb = ts.isIdentifier(b) ? localInit(fn, b.text, b.getStart(sf)) : undefined;
  return pathKey(va ? va.getText(sf) : ta) === pathKey(vb ? vb.getText(sf) : tb);
}

/** A name assigned between the read and the write no longer names the same file. */
function reassigned(path: ts.Expression, from: number, to: number, fn: Fn): boolean {
  if (!ts.isIdentifier(path)) return false;
  let hit = false;
  ownNodes(fn, (n) => {
    if (
      ts.isBinaryExpression(n) &&
      n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isIdentifier(n.left) &&
      n.left.text === path.text &&
      n.pos >= from &&
      n.end <= to
    ) {
      hit = true;
    }
  });
  return hit;
}

/** jsonfile's `readFile` parses on its own: such a file's reads need not say JSON.parse. Answered once per file. */
const jsonfileFiles = new WeakMap<ts.SourceFile, boolean>();
function usesJsonfile(sf: ts.SourceFile): boolean {
  let r = jsonfileFiles.get(sf);
  if (r === undefined) {
    r = /['"]jsonfile['"]/.test(sf.text);
    jsonfileFiles.set(sf, r);
  }
  return r;
}

export const js: JsDetector = {
  kinds: [
    ts.SyntaxKind.FunctionDeclaration,
    ts.SyntaxKind.FunctionExpression,
    ts.SyntaxKind.ArrowFunction,
    ts.SyntaxKind.MethodDeclaration,
    ts.SyntaxKind.Constructor,
    ts.SyntaxKind.GetAccessor,
    ts.SyntaxKind.SetAccessor,
  ],
  requires: /JSON\.parse|readJson|readJSON/,
  visit(node: ts.Node, ctx: JsContext) {
    const fn = node as Fn;
    if (!fn.body) return;
    // the cheap text test first: reads are JSON.parse or a JSON reader (fs-extra readJson, jsonfile)
    if (!/JSON\.parse|readJSON|readJson/.test(ctx.file.text.slice(fn.body.pos, fn.body.end)) && !usesJsonfile(ctx.sourceFile)) return;
    const { reads, writes } = accesses(fn, ctx);
    if (!reads.length) return;
    const sf = ctx.sourceFile;
    // a callback read (`fs.readFile(p, (err, raw) => ...)`) may write in a deeper callback
    const candidates = reads.some((r) => r.op.mode === 'callback') ? [...writes, ...nestedWrites(fn, ctx).filter((w) => !writes.includes(w))] : writes;
    if (!candidates.length || locked(fn, ctx)) return;
    // a callback read: a lock taken by the function that calls fs.readFile counts too
    if (reads.some((r) => r.op.mode === 'callback')) {
      let outer: ts.Node | undefined = fn.parent;
      while (outer && !isFunction(outer)) outer = outer.parent;
      if (outer && locked(outer as Fn, ctx)) return;
    }
    const scope = fn;
    for (const r of reads) {
      const pathText = r.path.getText(sf);
      const pathValue = ts.isIdentifier(r.path) ? localInit(scope, r.path.text, r.path.getStart(sf))?.getText(sf) : undefined;
      if (TOOLING_FILES.test(pathText) || (pathValue && TOOLING_FILES.test(pathValue))) continue;
      const w = candidates.find((x) => x.node.getStart(sf) > r.node.getEnd() && samePath(r.path, x.path, scope, ctx) && !reassigned(r.path, r.node.getEnd(), x.node.getStart(sf), scope));
      if (!w) continue;
      const start = r.node.getStart(sf);
      const writeStart = w.node.getStart(sf);
      ctx.report({
        node: r.node,
        message: `\`${pathText}\` is read, changed and written back without a file lock: concurrent requests or processes overwrite each other's changes`,
        fixes: () => [
          fixFromTransform(
            ctx.file,
            transform,
            { start, end: r.node.getEnd() },
            'Lock the file with `proper-lockfile` and write it with `write-file-atomic` (adds both packages)',
            'unsafe',
            { writeStart },
          ),
        ],
      });
    }
  },
};
