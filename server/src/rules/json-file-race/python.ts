import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { positionalArgs, keywordArg, stringValue } from '../../lang/python/ast';
import { descendantsNoNested, localValue } from '../../lang/python/django';
import { jsonLockFix, type JsonRmwSite } from '../../../../codemods/python/json-file-race';

const LOCKS = new Set(['filelock.FileLock', 'filelock.SoftFileLock', 'filelock.UnixFileLock', 'portalocker.Lock', 'portalocker.lock', 'fcntl.flock', 'fcntl.lockf', 'msvcrt.locking', 'lockfile.LockFile']);

/** Last names of the calls this rule looks at (json reads and writes, file writes, locks). */
const CALL_NAMES = new Set(['load', 'loads', 'dump', 'dumps', 'write', 'write_text', 'acquire', ...[...LOCKS].map((q) => q.slice(q.lastIndexOf('.') + 1))]);

interface Access {
  call: Node;
  path: Node;
  /** for writes: the `with open(...) as f` statement and the open call */
  withStmt?: Node;
  openCall?: Node;
  handle?: string;
}

function isOpen(call: Node | null | undefined, ctx: PyContext): boolean {
  if (call?.type !== 'call') return false;
  const f = call.childForFieldName('function');
  if (f?.type === 'identifier' && f.text === 'open' && !ctx.bindings.imports.has('open')) return true;
  const q = ctx.bindings.resolve(f);
  return q === 'io.open' || q === 'codecs.open';
}

function openMode(call: Node): string {
  const m = keywordArg(call, 'mode') ?? positionalArgs(call)[1];
  return m ? (stringValue(m) ?? '?') : 'r';
}

/** `with open(P, mode) as name:` enclosing `at`, for the handle `name`. */
function withOpenFor(handle: string, at: Node, ctx: PyContext): { withStmt: Node; openCall: Node } | null {
  let cur: Node | null = at.parent;
  while (cur && cur.type !== 'function_definition') {
    if (cur.type === 'with_statement') {
      for (const item of cur.descendantsOfType('with_item')) {
        if (!item || item.parent?.parent?.id !== cur.id) continue;
        const v = item.childForFieldName('value');
        if (v?.type !== 'as_pattern') continue;
        const src = v.namedChildren[0];
        const alias = v.childForFieldName('alias') ?? v.namedChildren[1];
        const id = alias?.type === 'as_pattern_target' ? alias.namedChildren[0] : alias;
        if (id?.text === handle && src && isOpen(src, ctx)) return { withStmt: cur, openCall: src };
      }
    }
    cur = cur.parent;
  }
  return null;
}

/** The file handle argument: `f` from a `with open(...) as f`, or an inline `open(...)`. */
function fileOf(arg: Node | undefined, ctx: PyContext): { open: Node; withStmt?: Node; handle?: string } | null {
  if (!arg) return null;
  if (isOpen(arg, ctx)) return { open: arg };
  if (arg.type === 'identifier') {
    const w = withOpenFor(arg.text, arg, ctx);
    if (w) return { open: w.openCall, withStmt: w.withStmt, handle: arg.text };
  }
  return null;
}

/**
 * The json reads and writes of a function body, and whether a lock guards them. A function is
 * reported only with a read, a write and no lock, so the three are found in that order and each
 * step runs only when the one before found something; a callee is resolved only when its name
 * (or its being imported, or a `self` attribute) lets it be one of the calls a step looks for.
 */
function accesses(body: Node, ctx: PyContext): { reads: Access[]; writes: Access[]; locked: boolean } {
  const reads: Access[] = [];
  const writes: Access[] = [];
  const none = { reads, writes, locked: false };
  const candidates: Array<{ call: Node; f: Node; last: string; selfAttr: boolean }> = [];
  const fnNode = enclosingDef(body);
  const selfName = firstParam(fnNode);
  for (const call of descendantsNoNested(body, (n) => n.type === 'call')) {
    const f = call.childForFieldName('function');
    // the cheap syntactic test first: a callee named like a json / lock / write call, or an imported name
    const last = f?.type === 'attribute' ? f.childForFieldName('attribute')?.text : f?.type === 'identifier' ? f.text : null;
    if (!f || !last || !(CALL_NAMES.has(last) || (f.type === 'identifier' && ctx.bindings.imports.has(last)))) continue;
    // `self.x(...)` resolves to what the class assigns to `self.x`, whatever `x` is called
    const obj = f.type === 'attribute' ? f.childForFieldName('object') : null;
    candidates.push({ call, f, last, selfAttr: obj?.type === 'identifier' && obj.text === selfName });
  }
  const resolved = new Map<Node, string | null>();
  const qOf = (c: { call: Node; f: Node }): string | null => {
    if (!resolved.has(c.call)) resolved.set(c.call, ctx.bindings.resolve(c.f));
    return resolved.get(c.call)!;
  };
  /** Can the callee resolve to a name ending in one of `lasts`? (an attribute resolves to its base's name plus its own) */
  const mayBe = (c: { f: Node; last: string; selfAttr: boolean }, lasts: readonly string[]): boolean => c.f.type === 'identifier' || c.selfAttr || lasts.includes(c.last);
  for (const c of candidates) {
    if (!mayBe(c, ['load', 'loads'])) continue;
    const q = qOf(c);
    const { call } = c;
    const args = positionalArgs(call);
    if (q === 'json.load') {
      const file = fileOf(args[0], ctx);
      const path = file ? positionalArgs(file.open)[0] ?? keywordArg(file.open, 'file') : null;
      if (file && path && /^r?b?t?$|^rb?$/.test(openMode(file.open).replace('+', ''))) reads.push({ call, path });
    } else if (q === 'json.loads') {
      // json.loads(open(P).read()) / json.loads(p.read_text())
      const a = args[0];
      const af = a?.type === 'call' ? a.childForFieldName('function') : null;
      const m = af?.type === 'attribute' ? af.childForFieldName('attribute')?.text : null;
      const obj = af?.childForFieldName('object');
      // json.loads(f.read()) with `with open(P) as f`
      const file = m === 'read' && obj ? fileOf(obj, ctx) : null;
      if (file) {
        const path = positionalArgs(file.open)[0] ?? keywordArg(file.open, 'file');
        if (path && /^r?b?t?$|^rb?$/.test(openMode(file.open).replace('+', ''))) reads.push({ call, path });
      } else if (m === 'read_text' && obj) reads.push({ call, path: pathOf(obj, ctx) });
    }
  }
  if (!reads.length) return none;
  for (const c of candidates) {
    const { call, f } = c;
    const attr = f.type === 'attribute' ? c.last : null;
    if (!mayBe(c, ['dump']) && attr !== 'write_text' && attr !== 'write') continue;
    // a json read is no write (only a callee that may resolve to json.load/loads can be one)
    const q = mayBe(c, ['dump', 'load', 'loads']) ? qOf(c) : null;
    if (q === 'json.load' || q === 'json.loads') continue;
    const args = positionalArgs(call);
    if (q === 'json.dump') {
      const file = fileOf(args[1] ?? keywordArg(call, 'fp') ?? undefined, ctx);
      const path = file ? positionalArgs(file.open)[0] : null;
      if (file && path && /^w/.test(openMode(file.open))) {
        writes.push({ call, path, withStmt: file.withStmt, openCall: file.open, handle: file.handle });
      }
    } else if (attr === 'write_text') {
      const obj = f.childForFieldName('object');
      const a = args[0];
      if (obj && a?.type === 'call' && ctx.bindings.resolve(a.childForFieldName('function')) === 'json.dumps') writes.push({ call, path: pathOf(obj, ctx) });
    } else if (attr === 'write') {
      // f.write(json.dumps(data)) with `with open(P, "w") as f` (or `open(P, "w").write(...)`)
      const a = args[0];
      const obj = f.childForFieldName('object');
      if (obj && a?.type === 'call' && ctx.bindings.resolve(a.childForFieldName('function')) === 'json.dumps') {
        const file = fileOf(obj, ctx);
        const path = file ? positionalArgs(file.open)[0] : null;
        if (file && path && /^w/.test(openMode(file.open))) writes.push({ call, path, withStmt: file.withStmt, openCall: file.open, handle: file.handle });
      }
    }
  }
  if (!writes.length) return none;
  let locked = false;
  for (const c of candidates) {
    const q = qOf(c);
    if (q && (LOCKS.has(q) || LOCKS.has(q.replace(/\(\)$/, '')))) locked = true;
    if (c.f.type === 'attribute' && c.last === 'acquire') {
      const oq = ctx.bindings.resolve(c.f.childForFieldName('object'));
      if (oq && LOCKS.has(oq.replace(/\(\)$/, ''))) locked = true;
    }
  }
  // `with FileLock(...)` / `with lock:` where lock = FileLock(...)
  for (const item of descendantsNoNested(body, (n) => n.type === 'with_item')) {
    let v = item.childForFieldName('value');
    if (v?.type === 'as_pattern') v = v.namedChildren[0] ?? null;
    const q = ctx.bindings.resolve(v);
    if (q && LOCKS.has(q.replace(/\(\)$/, ''))) locked = true;
  }
  return { reads, writes, locked };
}

/** The function (or lambda) whose body `body` is. */
function enclosingDef(body: Node): Node | null {
  const p = body.parent;
  return p && (p.type === 'function_definition' || p.type === 'lambda') ? p : null;
}

/** The first parameter's name (`self`, `cls`), whose attributes resolve through the class. */
function firstParam(fn: Node | null): string | null {
  const first = fn?.childForFieldName('parameters')?.namedChildren[0];
  return first?.type === 'identifier' ? first.text : null;
}

/** `Path(p)` names the file `p`: the path inside a pathlib constructor, else the expression itself. */
function pathOf(expr: Node, ctx: PyContext): Node {
  if (expr.type !== 'call') return expr;
  const q = ctx.bindings.resolve(expr.childForFieldName('function'));
  const args = positionalArgs(expr);
  return (q === 'pathlib.Path' || q === 'pathlib.PurePath') && args.length === 1 ? args[0] : expr;
}

/** Two path expressions name the same file: same text, or locals assigned the same text. */
function samePath(a: Node, b: Node, fn: Node): boolean {
  if (a.text === b.text) return true;
  const va = a.type === 'identifier' ? localValue(fn, a.text, a.startIndex) : null;
  const vb = b.type === 'identifier' ? localValue(fn, b.text, b.startIndex) : null;
  return (va?.text ?? a.text) === (vb?.text ?? b.text);
}

/** The statements of one block that contain `a` and `b`, when `a`'s comes first. */
function siblingRegion(a: Node, b: Node): { first: Node; last: Node } | null {
  let cur: Node | null = a;
  while (cur?.parent) {
    const p: Node = cur.parent;
    if ((p.type === 'block' || p.type === 'module') && b.startIndex >= p.startIndex && b.endIndex <= p.endIndex) {
      let last: Node | null = cur;
      while (last && !(b.startIndex >= last.startIndex && b.endIndex <= last.endIndex)) last = last.nextNamedSibling;
      return last ? { first: cur, last } : null;
    }
    cur = p;
  }
  return null;
}

/** `from json import load as read_json`: a read whose text does not say `load`. Asked per function, answered per file. */
let aliasesFor: PyContext['bindings'] | undefined;
let aliases = false;
function jsonAliases(ctx: PyContext): boolean {
  if (aliasesFor !== ctx.bindings) {
    aliasesFor = ctx.bindings;
    aliases = [...ctx.bindings.imports].some(([local, q]) => /^json\.loads?$/.test(q) && !/load/.test(local));
  }
  return aliases;
}

export const python: PyDetector = {
  nodeTypes: ['function_definition'],
  requires: /json/,
  visit(fn: Node, ctx: PyContext) {
    const body = fn.childForFieldName('body');
    if (!body) return;
    // the cheap text test first: a read is json.load / json.loads (or an alias of them), a write follows it
    if (!/load/.test(body.text) && !jsonAliases(ctx)) return;
    const { reads, writes, locked } = accesses(body, ctx);
    if (locked || !reads.length || !writes.length) return;
    for (const r of reads) {
      const w = writes.find((x) => x.call.startIndex > r.call.endIndex && samePath(r.path, x.path, fn));
      if (!w) continue;
      ctx.report({
        node: r.call,
        message: `\`${r.path.text}\` is read, changed and written back without a file lock: concurrent workers overwrite each other's changes`,
        fixes: () => {
          if (!w.withStmt || !w.openCall || !w.handle) return [];
          const region = siblingRegion(r.call, w.withStmt);
          if (!region) return [];
          const site: JsonRmwSite = { first: region.first, last: region.last, path: w.path, writeWith: w.withStmt, writeOpen: w.openCall, handle: w.handle };
          return [jsonLockFix(ctx.file.text, ctx.root, site, ctx.bindings)];
        },
      });
    }
  },
};

