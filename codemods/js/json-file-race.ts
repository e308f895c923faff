/**
 * jscodeshift transform: make a JSON read-modify-write of one file safe across
 * processes with `proper-lockfile` (the lock) and `write-file-atomic` (the write).
 *
 *   const entries = JSON.parse(await readFile(LEDGER, 'utf8'));
 *   entries.push(entry);
 *   await writeFile(LEDGER, JSON.stringify(entries));
 *   ->
 *   const release = await lockfile.lock(LEDGER, { retries: { retries: 10, minTimeout: 20 }, realpath: false });
 *   try {
 *     const entries = JSON.parse(await readFile(LEDGER, 'utf8'));
 *     entries.push(entry);
 *     await writeFileAtomic(LEDGER, JSON.stringify(entries));
 *   } finally {
 *     await release();
 *   }
 *
 * In an async function the lock waits (retries with back-off). A function that
 * is not async stays synchronous (making it async would hand its callers a
 * promise): it takes `lockfile.lockSync(path, { realpath: false })`, which does
 * not wait (a concurrent caller gets an `ELOCKED` error instead of silently
 * losing data), and writes with `writeFileAtomic.sync`. `realpath: false` lets
 * the lock be taken before the file exists. The region runs from the statement
 * of the read to the statement of the write (to the end of the block when a
 * name declared in it is used later). Imports follow the file's module style.
 *
 * The AST only locates the sites; edits are spliced into the original text, so
 * the file keeps its layout, quotes and line endings.
 * Standalone: `npx jscodeshift -t codemods/js/json-file-race.ts --parser=tsx src/`
 * (every site); the engine passes `options.range` (the read) and
 * `options.writeStart` (the offset of the write call its detector paired).
 */
import type { API, FileInfo } from 'jscodeshift';
import type { CodemodOptions } from '../lib/jscodeshift';

type AnyNode = { type: string; start: number; end: number; [k: string]: any };

// ---------------------------------------------------------------- shared with the detector

export type IoMode = 'sync' | 'promise' | 'callback';
export interface FsOp {
  kind: 'read' | 'write';
  mode: IoMode;
  /** readJson / writeJson (fs-extra, jsonfile): the call parses or serialises itself */
  json: boolean;
  /** plain fs readFile / writeFile (the shapes the fix rewrites) */
  plain: boolean;
}

/** Normalised module path of a qualified name: `node:fs.promises.readFile` -> `fs/promises.readFile`. */
function normalise(qname: string): string {
  let q = qname.replace(/^node:/, '').replace(/\(\)$/, '');
  q = q.replace(/^(fs|graceful-fs)\.promises\./, 'fs/promises.');
  q = q.replace(/^(fs|fs\/promises)\.default\./, '$1.');
  return q;
}

/**
 * What a call does to a file, from its callee's qualified name (as the engine's
 * bindings or the transform's own resolver give it) and whether a callback is passed.
 */
export function fsOperation(qname: string | null, hasCallback: boolean): FsOp | null {
  if (!qname) return null;
  const q = normalise(qname);
  const m = /^(fs|graceful-fs|fs-extra|fs\/promises|jsonfile)\.([A-Za-z]+)$/.exec(q);
  if (!m) return null;
  const [, mod, fn] = m;
  const cb: IoMode = hasCallback ? 'callback' : mod === 'fs-extra' || mod === 'jsonfile' ? 'promise' : 'callback';
  const plainMod = mod !== 'jsonfile';
  if (mod === 'fs/promises') {
    if (fn === 'readFile') return { kind: 'read', mode: 'promise', json: false, plain: true };
    if (fn === 'writeFile') return { kind: 'write', mode: 'promise', json: false, plain: true };
    return null;
  }
  switch (fn) {
    case 'readFileSync':
      return { kind: 'read', mode: 'sync', json: mod === 'jsonfile', plain: plainMod };
    case 'readFile':
      return { kind: 'read', mode: cb, json: mod === 'jsonfile', plain: plainMod };
    case 'writeFileSync':
      return { kind: 'write', mode: 'sync', json: mod === 'jsonfile', plain: plainMod };
    case 'writeFile':
      return { kind: 'write', mode: cb, json: mod === 'jsonfile', plain: plainMod };
  }
  if (mod === 'fs-extra') {
    if (/^readJso[nN]Sync$|^readJSONSync$/.test(fn)) return { kind: 'read', mode: 'sync', json: true, plain: false };
    if (/^readJson$|^readJSON$/.test(fn)) return { kind: 'read', mode: cb, json: true, plain: false };
    if (/^(write|output)(Json|JSON)Sync$/.test(fn)) return { kind: 'write', mode: 'sync', json: true, plain: false };
    if (/^(write|output)(Json|JSON)$/.test(fn)) return { kind: 'write', mode: cb, json: true, plain: false };
    if (fn === 'outputFileSync') return { kind: 'write', mode: 'sync', json: false, plain: false };
    if (fn === 'outputFile') return { kind: 'write', mode: cb, json: false, plain: false };
  }
  return null;
}

/** Modules whose use means the code takes a lock. */
export const LOCK_MODULES = /^(proper-lockfile|lockfile|async-lock|async-mutex|await-lock|semaphore-async-await|redlock|mutexify|fs-ext|fs-lock|lock|@redis\/lock)(\.|\(|$)/;

/** A callee named like a lock: `withLock`, `acquireLock`, `lockfile.lock`, `lockSync`, `mutex.runExclusive`, `flock`. */
export function isLockName(name: string): boolean {
  return /(^|[^a-zA-Z])lock|Lock|LOCK|mutex|Mutex|MUTEX|runExclusive|^flock/.test(name);
}

/** Well-known config files that build and release scripts rewrite once: not a request-time race. */
export const TOOLING_FILES = /(package|tsconfig|jsconfig|lerna|composer|app|manifest|vercel|firebase|angular|nx|project|\.?babelrc|\.?eslintrc|\.?prettierrc)\.json|\.eslintrc|\.babelrc|\.prettierrc/;

/** Path texts compared for "same file": whitespace and quote style do not matter. */
export function pathKey(text: string): string {
  return text.replace(/\s+/g, '').replace(/`([^`$\\]*)`|'([^'\\]*)'/g, (_, a, b) => `"${a ?? b}"`);
}

// ---------------------------------------------------------------- transform

// loaded at first use: a scan that computes no fix never needs the parser
const getParser = (name: string): { parse(code: string): AnyNode } => (require('jscodeshift/src/getParser') as (n: string) => { parse(code: string): AnyNode })(name);

const SKIP_KEYS = new Set(['loc', 'start', 'end', 'comments', 'leadingComments', 'trailingComments', 'innerComments', 'extra', 'tokens', 'range', 'typeAnnotation', 'returnType', 'typeParameters']);
const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ClassMethod', 'ClassPrivateMethod', 'ObjectMethod']);

function parserName(filePath: string, requested: unknown): string {
  if (requested === 'ts' || requested === 'tsx' || requested === 'babel' || requested === 'babylon' || requested === 'flow') return requested;
  return /\.(ts|mts|cts)$/i.test(filePath) ? 'ts' : 'tsx';
}

function walk(node: AnyNode, parents: AnyNode[], visit: (n: AnyNode, parents: AnyNode[]) => boolean | void): void {
  if (visit(node, parents) === false) return;
  parents.push(node);
  for (const key of Object.keys(node)) {
    if (SKIP_KEYS.has(key)) continue;
    const v = node[key];
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c.type === 'string') walk(c, parents, visit);
    } else if (v && typeof v === 'object' && typeof v.type === 'string') walk(v, parents, visit);
  }
  parents.pop();
}

function unwrap(e: AnyNode | null | undefined): AnyNode | null {
  let cur = e ?? null;
  while (cur && (cur.type === 'TSAsExpression' || cur.type === 'TSNonNullExpression' || cur.type === 'ParenthesizedExpression' || cur.type === 'TSSatisfiesExpression' || cur.type === 'TSTypeAssertion')) cur = cur.expression;
  return cur;
}

function unwrapAwait(e: AnyNode | null | undefined): AnyNode | null {
  let cur = unwrap(e);
  while (cur?.type === 'AwaitExpression') cur = unwrap(cur.argument);
  return cur;
}

function propName(m: AnyNode): string | null {
  if (m.computed) return m.property?.type === 'StringLiteral' ? m.property.value : null;
  return m.property?.type === 'Identifier' ? m.property.name : null;
}

function requireOf(e: AnyNode | null): string | null {
  const x = unwrap(e);
  if (x?.type === 'CallExpression' && x.callee?.type === 'Identifier' && x.callee.name === 'require' && x.arguments?.length === 1 && x.arguments[0].type === 'StringLiteral') {
    return x.arguments[0].value;
  }
  return null;
}

/** Module-level names bound to modules (imports, requires, `const fsp = fs.promises`). */
class Names {
  readonly map = new Map<string, string>();
  constructor(program: AnyNode) {
    for (const s of program.body as AnyNode[]) {
      if (s.type === 'ImportDeclaration' && s.importKind !== 'type') {
        const mod = s.source.value as string;
        for (const sp of s.specifiers ?? []) {
          if (sp.type === 'ImportDefaultSpecifier' || sp.type === 'ImportNamespaceSpecifier') this.map.set(sp.local.name, mod);
          else if (sp.type === 'ImportSpecifier') {
            const imported = sp.imported?.name ?? sp.imported?.value;
            this.map.set(sp.local.name, imported === 'default' ? mod : `${mod}.${imported}`);
          }
        }
      } else if (s.type === 'VariableDeclaration') {
        for (const d of s.declarations ?? []) {
          const base = this.resolve(d.init);
          if (!base) continue;
          if (d.id?.type === 'Identifier') this.map.set(d.id.name, base);
          else if (d.id?.type === 'ObjectPattern') {
            for (const p of d.id.properties ?? []) {
              const key = p.key?.type === 'Identifier' ? p.key.name : p.key?.type === 'StringLiteral' ? p.key.value : null;
              const local = p.value?.type === 'Identifier' ? p.value.name : p.value?.type === 'AssignmentPattern' && p.value.left?.type === 'Identifier' ? p.value.left.name : null;
              if (key && local && p.type === 'ObjectProperty') this.map.set(local, `${base}.${key}`);
            }
          }
        }
      }
    }
  }

  resolve(e: AnyNode | null | undefined): string | null {
    const x = unwrapAwait(e);
    if (!x) return null;
    const req = requireOf(x);
    if (req) return req;
    if (x.type === 'Identifier') return this.map.get(x.name) ?? null;
    if ((x.type === 'MemberExpression' || x.type === 'OptionalMemberExpression')) {
      const p = propName(x);
      const base = this.resolve(x.object);
      return p && base ? `${base}.${p}` : null;
    }
    return null;
  }
}

function calleeName(call: AnyNode): string {
  const c = unwrap(call.callee);
  if (c?.type === 'Identifier') return c.name;
  if (c?.type === 'MemberExpression' || c?.type === 'OptionalMemberExpression') return propName(c) ?? '';
  return '';
}

function hasCallback(call: AnyNode): boolean {
  const last = call.arguments?.[call.arguments.length - 1];
  return !!last && (last.type === 'ArrowFunctionExpression' || last.type === 'FunctionExpression');
}

interface Site {
  fn: AnyNode;
  /** the finding's node: JSON.parse(...) or readJson(...) */
  read: AnyNode;
  /** the read call itself (`readFile(P)`, maybe in an earlier statement than JSON.parse) */
  readCall: AnyNode;
  readOp: FsOp;
  readPath: AnyNode;
  write: AnyNode;
  writeOp: FsOp;
  writePath: AnyNode;
}

/** The own scope of a function: its nodes without nested functions. */
function ownNodes(fn: AnyNode): Array<{ node: AnyNode; parents: AnyNode[] }> {
  const out: Array<{ node: AnyNode; parents: AnyNode[] }> = [];
  walk(fn.body, [fn], (n, parents) => {
    if (FUNCTIONS.has(n.type)) return false;
    out.push({ node: n, parents: [...parents] });
    return undefined;
  });
  return out;
}

/** `const x = <init>` in the function before `at` (the last one). */
function localInit(fn: AnyNode, name: string, at: number): AnyNode | null {
  let found: AnyNode | null = null;
  walk(fn.body, [], (n) => {
    if (n !== fn.body && FUNCTIONS.has(n.type)) return false;
    if (n.type === 'VariableDeclarator' && n.id?.type === 'Identifier' && n.id.name === name && n.init && n.end <= at) found = n.init;
    return undefined;
  });
  return found;
}

/** `readFile(P)` read by `JSON.parse(arg)`: the call, through `.toString()`, `String(...)` and a local. */
function readCallOf(arg: AnyNode | null, fn: AnyNode, names: Names, depth = 0): { call: AnyNode; op: FsOp } | null {
  const x = unwrapAwait(arg);
  if (!x || depth > 3) return null;
  if (x.type === 'Identifier') {
    const init = localInit(fn, x.name, x.start);
    return init ? readCallOf(init, fn, names, depth + 1) : null;
  }
  if (x.type !== 'CallExpression') return null;
  const c = unwrap(x.callee);
  if ((c?.type === 'MemberExpression' || c?.type === 'OptionalMemberExpression') && propName(c) === 'toString') return readCallOf(c.object, fn, names, depth);
  if (c?.type === 'Identifier' && c.name === 'String' && x.arguments?.length === 1) return readCallOf(x.arguments[0], fn, names, depth);
  const op = fsOperation(names.resolve(x.callee), hasCallback(x));
  return op?.kind === 'read' && !op.json ? { call: x, op } : null;
}

function isJsonParse(call: AnyNode): boolean {
  const c = unwrap(call.callee);
  return (c?.type === 'MemberExpression') && c.object?.type === 'Identifier' && c.object.name === 'JSON' && propName(c) === 'parse';
}

/** Reads of JSON in a function: `JSON.parse(readFileSync(P))` and `readJson(P)`. */
function readsIn(fn: AnyNode, names: Names): Array<{ node: AnyNode; call: AnyNode; op: FsOp; path: AnyNode }> {
  const out: Array<{ node: AnyNode; call: AnyNode; op: FsOp; path: AnyNode }> = [];
  for (const { node } of ownNodes(fn)) {
    if (node.type !== 'CallExpression') continue;
    if (isJsonParse(node)) {
      const r = readCallOf(node.arguments?.[0] ?? null, fn, names);
      const p = r?.call.arguments?.[0];
      if (r && p && p.type !== 'SpreadElement') out.push({ node, call: r.call, op: r.op, path: p });
    } else {
      const op = fsOperation(names.resolve(node.callee), hasCallback(node));
      const p = node.arguments?.[0];
      if (op?.kind === 'read' && op.json && p && p.type !== 'SpreadElement') out.push({ node, call: node, op, path: p });
    }
  }
  return out;
}

function writesIn(fn: AnyNode, names: Names): Array<{ node: AnyNode; op: FsOp; path: AnyNode }> {
  const out: Array<{ node: AnyNode; op: FsOp; path: AnyNode }> = [];
  for (const { node } of ownNodes(fn)) {
    if (node.type !== 'CallExpression') continue;
    const op = fsOperation(names.resolve(node.callee), hasCallback(node));
    const p = node.arguments?.[0];
    if (op?.kind === 'write' && p && p.type !== 'SpreadElement' && (node.arguments?.length ?? 0) >= 2) out.push({ node, op, path: p });
  }
  return out;
}

/** The function takes a lock, or runs inside a lock-named call (`withLock(p, async () => ...)`). */
function locked(fn: AnyNode, parents: AnyNode[], names: Names): boolean {
  let found = false;
  walk(fn.body, [], (n) => {
    if (found) return false;
    if (n.type === 'CallExpression' || n.type === 'NewExpression') {
      const q = names.resolve(n.callee) ?? '';
      if (LOCK_MODULES.test(q) || isLockName(calleeName(n))) found = true;
    }
    return undefined;
  });
  if (found) return true;
  for (let i = parents.length - 1; i >= 0; i--) {
    const p = parents[i];
    if ((p.type === 'CallExpression' || p.type === 'NewExpression') && (isLockName(calleeName(p)) || LOCK_MODULES.test(names.resolve(p.callee) ?? ''))) return true;
  }
  return false;
}

function samePath(a: AnyNode, b: AnyNode, src: string, fn: AnyNode): boolean {
  const ta = pathKey(src.slice(a.start, a.end));
  const tb = pathKey(src.slice(b.start, b.end));
  if (ta === tb) return true;
  const va = a.type === 'Identifier' ? localInit(fn, a.name, a.start) : null;
  const vb = b.type === 'Identifier' ? localInit(fn, b.name, b.start) : null;
  return pathKey(va ? src.slice(va.start, va.end) : ta) === pathKey(vb ? src.slice(vb.start, vb.end) : tb);
}

function findSites(program: AnyNode, src: string, names: Names): Site[] {
  const sites: Site[] = [];
  walk(program, [], (fn, parents) => {
    if (!FUNCTIONS.has(fn.type) || fn.body?.type !== 'BlockStatement') return;
    const reads = readsIn(fn, names);
    if (!reads.length) return;
    const writes = writesIn(fn, names);
    if (!writes.length || locked(fn, parents, names)) return;
    for (const r of reads) {
      const value = r.path.type === 'Identifier' ? localInit(fn, r.path.name, r.path.start) : null;
      if (TOOLING_FILES.test(src.slice(r.path.start, r.path.end)) || (value && TOOLING_FILES.test(src.slice(value.start, value.end)))) continue;
      const w = writes.find((x) => x.node.start > r.node.end && samePath(r.path, x.path, src, fn));
      if (w) sites.push({ fn, read: r.node, readCall: r.call, readOp: r.op, readPath: r.path, write: w.node, writeOp: w.op, writePath: w.path });
    }
  });
  return sites;
}

/** The site the engine asked for: the read at `range.start`, the write at `writeStart`. */
function siteAt(program: AnyNode, names: Names, readStart: number, writeStart: number): Site | null {
  let site: Site | null = null;
  walk(program, [], (fn) => {
    if (site) return false;
    if (!FUNCTIONS.has(fn.type) || fn.body?.type !== 'BlockStatement' || fn.start > readStart || fn.end < readStart) return;
    const r = readsIn(fn, names).find((x) => x.node.start === readStart);
    const w = writesIn(fn, names).find((x) => x.node.start === writeStart);
    if (r && w) site = { fn, read: r.node, readCall: r.call, readOp: r.op, readPath: r.path, write: w.node, writeOp: w.op, writePath: w.path };
    return undefined;
  });
  return site;
}

// ---------------------------------------------------------------- the rewrite

interface Edit {
  start: number;
  end: number;
  text: string;
}

function lineStart(src: string, at: number): number {
  let s = at;
  while (s > 0 && src[s - 1] !== '\n' && src[s - 1] !== '\r') s--;
  return s;
}

function indentUnit(src: string): string {
  let min = 0;
  for (const m of src.matchAll(/^([ \t]+)\S/gm)) {
    if (m[1].startsWith('\t')) return '\t';
    if (!min || m[1].length < min) min = m[1].length;
  }
  return ' '.repeat(min >= 2 && min <= 8 ? min : 2);
}

/** A path expression that may be evaluated twice (lock and read): names, members, literals, `path.join(...)` of those. */
function simplePath(e: AnyNode | null): boolean {
  const x = unwrap(e);
  if (!x) return false;
  switch (x.type) {
    case 'Identifier':
    case 'StringLiteral':
    case 'ThisExpression':
      return true;
    case 'MemberExpression':
      return simplePath(x.object) && (!x.computed || simplePath(x.property) || x.property.type === 'NumericLiteral');
    case 'TemplateLiteral':
      return (x.expressions ?? []).every((y: AnyNode) => simplePath(y));
    case 'BinaryExpression':
      return x.operator === '+' && simplePath(x.left) && simplePath(x.right);
    case 'CallExpression': {
      const c = unwrap(x.callee);
      const n = c?.type === 'MemberExpression' ? propName(c) : null;
      return !!n && ['join', 'resolve', 'normalize'].includes(n) && (x.arguments ?? []).every((y: AnyNode) => simplePath(y));
    }
  }
  return false;
}

interface ModuleStyle {
  esm: boolean;
  q: string;
  semi: string;
  eol: string;
}

function moduleStyle(program: AnyNode, src: string, filePath: string): ModuleStyle {
  const body = program.body as AnyNode[];
  const esm = body.some((s) => s.type === 'ImportDeclaration' || s.type.startsWith('Export'))
    ? true
    : body.some((s) => s.type === 'VariableDeclaration' && s.declarations?.some((d: AnyNode) => requireOf(d.init) || requireOf(d.init?.object)))
      ? false
      : !/\.(c?js|jsx)$/i.test(filePath);
  const single = (src.match(/'/g) ?? []).length;
  const double = (src.match(/"/g) ?? []).length;
  const stmts = body.filter((s) => s.type === 'ImportDeclaration' || s.type === 'VariableDeclaration' || s.type === 'ExpressionStatement');
  const withSemi = stmts.filter((s) => src[s.end - 1] === ';').length;
  return { esm, q: single > double ? "'" : '"', semi: !stmts.length || withSemi * 2 >= stmts.length ? ';' : '', eol: src.includes('\r\n') ? '\r\n' : '\n' };
}

/** Local name already bound to a module at the top level (import default / namespace / require). */
function boundTo(program: AnyNode, mod: string): string | null {
  for (const s of program.body as AnyNode[]) {
    if (s.type === 'ImportDeclaration' && s.source.value === mod && s.importKind !== 'type') {
      for (const sp of s.specifiers ?? []) if (sp.type !== 'ImportSpecifier') return sp.local.name;
    } else if (s.type === 'VariableDeclaration') {
      for (const d of s.declarations ?? []) if (d.id?.type === 'Identifier' && requireOf(d.init) === mod) return d.id.name;
    }
  }
  return null;
}

function identifiersNamed(root: AnyNode, name: string): AnyNode[] {
  const out: AnyNode[] = [];
  walk(root, [], (n, parents) => {
    const p = parents[parents.length - 1];
    if (n.type !== 'Identifier' || n.name !== name) return;
    // `x.name` / `{ name: v }` keys are not references
    if (p && (p.type === 'MemberExpression' || p.type === 'OptionalMemberExpression') && p.property === n && !p.computed) return;
    if (p && (p.type === 'ObjectProperty' || p.type === 'ClassProperty' || p.type === 'ClassMethod' || p.type === 'ObjectMethod') && p.key === n && !p.computed && !p.shorthand) return;
    out.push(n);
  });
  return out;
}

function declaredNames(stmt: AnyNode, out: Set<string>): void {
  const pattern = (p: AnyNode | null | undefined): void => {
    if (!p) return;
    if (p.type === 'Identifier') out.add(p.name);
    else if (p.type === 'ObjectPattern') for (const x of p.properties ?? []) pattern(x.type === 'RestElement' ? x.argument : x.value);
    else if (p.type === 'ArrayPattern') for (const x of p.elements ?? []) pattern(x?.type === 'RestElement' ? x.argument : x);
    else if (p.type === 'AssignmentPattern') pattern(p.left);
  };
  if (stmt.type === 'VariableDeclaration') for (const d of stmt.declarations ?? []) pattern(d.id);
  if ((stmt.type === 'FunctionDeclaration' || stmt.type === 'ClassDeclaration') && stmt.id) out.add(stmt.id.name);
}

/** Statements of one block from the one holding `a` to the one holding `b` (to the block's end when a name declared there is used later). */
function region(fn: AnyNode, a: AnyNode, b: AnyNode): { block: AnyNode; first: number; last: number } | null {
  let found: { block: AnyNode; first: number; last: number } | null = null;
  walk(fn.body, [], (n) => {
    if (n !== fn.body && FUNCTIONS.has(n.type)) return false;
    if (n.start > a.start || n.end < b.end) return false;
    if (n.type === 'BlockStatement') {
      const body = n.body as AnyNode[];
      const first = body.findIndex((s) => s.start <= a.start && a.end <= s.end);
      const last = body.findIndex((s) => s.start <= b.start && b.end <= s.end);
      if (first >= 0 && last >= first) found = { block: n, first, last };
    }
    return undefined;
  });
  const r = found as { block: AnyNode; first: number; last: number } | null;
  if (!r) return null;
  const body = r.block.body as AnyNode[];
  const declared = new Set<string>();
  for (let i = r.first; i <= r.last; i++) declaredNames(body[i], declared);
  for (let i = r.last + 1; i < body.length && r.last < body.length - 1; i++) {
    if ([...declared].some((name) => identifiersNamed(body[i], name).length)) r.last = body.length - 1;
  }
  return r;
}

/** A name for the release function: not used in the function, not declared at the module's top level. */
function freeName(program: AnyNode, fn: AnyNode, base: string): string | null {
  const top = new Set<string>();
  for (const s of program.body as AnyNode[]) {
    declaredNames(s.type === 'ExportNamedDeclaration' && s.declaration ? s.declaration : s, top);
    if (s.type === 'ImportDeclaration') for (const sp of s.specifiers ?? []) top.add(sp.local.name);
  }
  for (const cand of [base, `${base}Lock`, `${base}FileLock`]) {
    if (!identifiersNamed(fn, cand).length && !top.has(cand)) return cand;
  }
  return null;
}

function planSite(site: Site, src: string, program: AnyNode, style: ModuleStyle, imports: { lock: string; atomic: string }): Edit[] | null {
  const { fn, readOp, writeOp, write } = site;
  const isAsync = !!fn.async;
  if (!readOp.plain || !writeOp.plain || readOp.mode === 'callback' || writeOp.mode === 'callback') return null;
  if (!isAsync && (readOp.mode === 'promise' || writeOp.mode === 'promise')) return null;
  if (!simplePath(site.readPath)) return null;
  // the lock is taken where the read happens, on the path the read uses
  const P = src.slice(site.readPath.start, site.readPath.end);
  if (/[\r\n]/.test(P)) return null;
  const readStart = Math.min(site.read.start, site.readCall.start);
  const r = region(fn, readStart === site.read.start ? site.read : site.readCall, write);
  if (!r) return null;
  const stmts = r.block.body as AnyNode[];
  const first = stmts[r.first];
  const last = stmts[r.last];
  const start = lineStart(src, first.start);
  if (src.slice(start, first.start).trim() !== '') return null;
  // names the lock path uses must exist before the region
  const declared = new Set<string>();
  for (let i = r.first; i <= r.last; i++) declaredNames(stmts[i], declared);
  if ([...declared].some((name) => identifiersNamed(site.readPath, name).length)) return null;
  // a trailing comment on the last line moves with the region
  let end = last.end;
  const rest = /^[ \t]*(\/\/[^\r\n]*)?/.exec(src.slice(end))!;
  if (/^[\r\n]|^$/.test(src.slice(end + rest[0].length))) end += rest[0].length;
  // multi-line template or string literals would change when re-indented
  let multiline = false;
  walk(r.block, [], (n) => {
    if (n.end <= start || n.start >= end) return false;
    if ((n.type === 'TemplateLiteral' || n.type === 'StringLiteral' || n.type === 'JSXText') && /[\r\n]/.test(src.slice(n.start, n.end))) multiline = true;
    return undefined;
  });
  if (multiline) return null;
  const release = freeName(program, fn, 'release');
  if (!release) return null;
  // the write, as an edit inside the region
  const parent = findParent(fn, write);
  let callee: string;
  if (writeOp.mode === 'promise') {
    if (parent?.type === 'AwaitExpression') callee = imports.atomic;
    else if (parent?.type === 'ExpressionStatement') callee = `await ${imports.atomic}`;
    else return null;
  } else callee = isAsync ? (parent?.type === 'AwaitExpression' ? imports.atomic : `await ${imports.atomic}`) : `${imports.atomic}.sync`;
  const inner = src.slice(start, write.callee.start) + callee + src.slice(write.callee.end, end);
  const unit = indentUnit(src);
  const indent = /^[ \t]*/.exec(src.slice(start))![0];
  const reindented = inner
    .split(/(\r\n|\n|\r)/)
    .map((part) => (/^(\r\n|\n|\r)$/.test(part) || part.trim() === '' ? part : unit + part))
    .join('');
  const { eol, semi } = style;
  const acquire = isAsync
    ? `const ${release} = await ${imports.lock}.lock(${P}, { retries: { retries: 10, minTimeout: 20 }, realpath: false })${semi}`
    : `const ${release} = ${imports.lock}.lockSync(${P}, { realpath: false })${semi}`;
  const text =
    `${indent}${acquire}${eol}${indent}try {${eol}${reindented}${eol}` +
    `${indent}} finally {${eol}${indent}${unit}${isAsync ? 'await ' : ''}${release}()${semi}${eol}${indent}}`;
  return [{ start, end, text }];
}

function findParent(root: AnyNode, target: AnyNode): AnyNode | null {
  let parent: AnyNode | null = null;
  walk(root, [], (n, parents) => {
    if (parent) return false;
    if (n === target) parent = parents[parents.length - 1] ?? null;
    return undefined;
  });
  return parent;
}

function importEdits(program: AnyNode, src: string, style: ModuleStyle, need: Array<{ mod: string; line: string }>): Edit[] {
  if (!need.length) return [];
  const body = program.body as AnyNode[];
  const { eol } = style;
  const text = need.map((n) => n.line);
  const anchor = style.esm
    ? [...body].reverse().find((s) => s.type === 'ImportDeclaration')
    : [...body].reverse().find((s) => s.type === 'VariableDeclaration' && s.declarations?.some((d: AnyNode) => requireOf(d.init) || requireOf(d.init?.object)));
  if (anchor) return [{ start: anchor.end, end: anchor.end, text: text.map((l) => `${eol}${l}`).join('') }];
  const first = body[0];
  const at = first ? lineStart(src, first.leadingComments?.length ? first.start : first.start) : src.length;
  return [{ start: at, end: at, text: text.map((l) => `${l}${eol}`).join('') + (first ? eol : '') }];
}

export default function transformer(file: FileInfo, api: API, options: CodemodOptions): string | undefined {
  void api; // sites are found on our own parse (exact offsets), edits spliced into the text
  const src = file.source;
  if (!options.range && !/JSON\.parse|readJson|readJSON/.test(src)) return undefined;
  let ast: AnyNode;
  try {
    ast = getParser(parserName(file.path, options.parser)).parse(src);
  } catch {
    return undefined; // unparsable input: nothing to do
  }
  const program = (ast.type === 'File' ? ast.program : ast) as AnyNode;
  const names = new Names(program);
  let sites: Site[];
  if (options.range) {
    const writeStart = typeof options.writeStart === 'number' ? options.writeStart : null;
    const s = writeStart === null ? findSites(program, src, names).find((x) => x.read.start === options.range!.start) : siteAt(program, names, options.range.start, writeStart);
    sites = s ? [s] : [];
  } else sites = findSites(program, src, names);
  if (!sites.length) return undefined;

  const style = moduleStyle(program, src, file.path);
  const q = style.q;
  const need: Array<{ mod: string; line: string }> = [];
  const lockName = boundTo(program, 'proper-lockfile') ?? (identifiersNamed(program, 'lockfile').length ? null : 'lockfile');
  const atomicName = boundTo(program, 'write-file-atomic') ?? (identifiersNamed(program, 'writeFileAtomic').length ? null : 'writeFileAtomic');
  if (!lockName || !atomicName) return undefined;
  const edits: Edit[] = [];
  for (const site of sites) {
    const e = planSite(site, src, program, style, { lock: lockName, atomic: atomicName });
    if (!e || e.some((x) => edits.some((y) => x.start < y.end && y.start < x.end))) continue;
    edits.push(...e);
  }
  if (!edits.length) return undefined;
  if (!boundTo(program, 'proper-lockfile')) {
    need.push({ mod: 'proper-lockfile', line: style.esm ? `import * as ${lockName} from ${q}proper-lockfile${q}${style.semi}` : `const ${lockName} = require(${q}proper-lockfile${q})${style.semi}` });
  }
  if (!boundTo(program, 'write-file-atomic')) {
    need.push({ mod: 'write-file-atomic', line: style.esm ? `import ${atomicName} from ${q}write-file-atomic${q}${style.semi}` : `const ${atomicName} = require(${q}write-file-atomic${q})${style.semi}` });
  }
  edits.push(...importEdits(program, src, style, need));
  edits.sort((a, b) => b.start - a.start);
  let out = src;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out === src ? undefined : out;
}
