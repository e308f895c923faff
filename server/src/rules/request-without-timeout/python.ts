import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector, SourceFile } from '../../engine/types';
import { hasKwargsSplat, keywordArg, parameterNames, positionalArgs } from '../../lang/python/ast';
import { findPythonModule } from '../../lang/python/bindings';
import { descendantsNoNested, enclosingFunction, localValue } from '../../lang/python/django';
import { isPythonTestCode } from '../../lang/scope';
import { LibraryReach } from '../../lang/reach';
import { filesGeneration } from '../../lang/snapshot';
import { addTimeoutFix, replaceTimeoutFix } from '../../../../codemods/python/request-without-timeout';
import { splatMayCarry } from './py-splat';

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);
/** Session factories whose instances behave like `requests` itself. */
const SESSION_PREFIXES = ['requests.Session()', 'requests.session()', 'requests.sessions.Session()'];

/** What kind of call this is, from its resolved qualified name. */
export function classifyRequestCall(qname: string | null): 'requests' | 'urlopen' | null {
  if (!qname) return null;
  if (qname === 'urllib.request.urlopen' || qname === 'urllib2.urlopen') return 'urlopen';
  const dot = qname.lastIndexOf('.');
  if (dot < 0) return null;
  const owner = qname.slice(0, dot);
  const method = qname.slice(dot + 1);
  if (!HTTP_METHODS.has(method)) return null;
  if (owner === 'requests' || owner === 'requests.api') return 'requests';
  if (SESSION_PREFIXES.includes(owner)) return 'requests';
  return null;
}

/**
 * A name is bound to `requests` / `urlopen` only through an import chain that mentions the
 * library somewhere: files whose chains do not are skipped before any (cross-file) resolution.
 */
/**
 * An import statement naming the library (`import os, requests`, `import urllib`, continued over
 * lines with backslashes, `from urllib.request import urlopen`, `from urllib import request`), not
 * the word "requests" in a docstring. `from urllib.parse import quote` binds names of urllib.parse,
 * which never resolve to urlopen.
 */
const LIBRARY_IMPORT = /\bimport[ \t]+(?:[\w., \t]|\\\r?\n)*\b(?:requests|urllib2?)\b|\bfrom[ \t]+(?:requests|urllib2)\b|\bfrom[ \t]+urllib(?:\.request\b|[ \t]+import\b)/;

const reach = new LibraryReach(LIBRARY_IMPORT, {
  specifiers: (text) => Array.from(text.matchAll(/^[ \t]*from[ \t]+([\w.]+)[ \t]+import\b/gm), (m) => m[1]),
  find: findPythonModule,
});

let lastFile: string | undefined;
let lastText: string | undefined;
let lastReach = false;

/** Asked once per file (the runner lints one file at a time). */
function fileMayReach(ctx: PyContext): boolean {
  const { path, text } = ctx.file;
  if (path !== lastFile || text !== lastText) {
    lastFile = path;
    lastText = text;
    lastReach = reach.mayReach(path, text);
  }
  return lastReach;
}

/**
 * The file-level gate (PyDetector.mayFire): a call resolves to requests or urlopen only when the
 * file names the library, or a module it imports from (`from M import x`, `import M.x as y`)
 * reaches it through its own import chains: resolving a name ends in one of the file's imports, or
 * in another module's. LIBRARY_IMPORT covers every import of this file that can bind a name to
 * requests or urlopen, the module list is a superset of the modules resolution follows (any
 * `from M import`, any `import M.x as y`), and those modules' chains are the reach's.
 */
function fileGate(file: SourceFile): boolean {
  if (LIBRARY_IMPORT.test(file.text)) return true;
  const modules = new Set<string>();
  for (const m of file.text.matchAll(/\bfrom[ \t]+([\w.]+)[ \t]+import\b/g)) modules.add(m[1]);
  // `import a.b.c as x, d.e as y` (continued over lines with backslashes)
  for (const m of file.text.matchAll(/\bimport[ \t]+([^\n;#]*(?:\\\r?\n[^\n;#]*)*)/g)) {
    for (const part of m[1].split(',')) {
      const dotted = /^[\s\\]*([\w.]+)[\s\\]+as\b/.exec(part)?.[1];
      if (dotted?.includes('.')) modules.add(dotted.slice(0, dotted.lastIndexOf('.')));
    }
  }
  // typing in the editor re-lints the file on every pause with the same imports: their answer
  // (module lookups on disk, then the reach) is kept for as long as the reach keeps its own
  const key = [...modules].join('\n');
  if (gateMemo && gateMemo.path === file.path && gateMemo.key === key && gateMemo.generation === filesGeneration()) return gateMemo.value;
  let value = false;
  for (const mod of modules) {
    if (!mod) continue;
    const target = findPythonModule(file.path, mod);
    if (target && target !== file.path && reach.moduleMayReach(target)) {
      value = true;
      break;
    }
  }
  gateMemo = { path: file.path, key, generation: filesGeneration(), value };
  return value;
}

/** The file gate's answer for one file and one set of imported modules, kept while the files do not change (as the reach's answers). */
let gateMemo: { path: string; key: string; generation: number; value: boolean } | undefined;

/** The name a callee chain starts from: `session` in `session.get`, `requests` in `requests.Session().post`. */
function rootName(fn: Node): Node | null {
  let cur: Node | null = fn;
  while (cur) {
    if (cur.type === 'identifier') return cur;
    if (cur.type === 'attribute') cur = cur.childForFieldName('object');
    else if (cur.type === 'call') cur = cur.childForFieldName('function');
    else if (cur.type === 'parenthesized_expression' || cur.type === 'await') cur = cur.namedChildren[0] ?? null;
    else return null; // a subscript, a literal: the resolver answers nothing for it
  }
  return null;
}

/** What a scope's own body binds: values by name (assignments, `with ... as`, walrus) and the unpackings and loops (values unknown). */
interface ScopeIndex {
  byName: Map<string, Node[]>;
  /** unpacking assignments and `for` statements: they bind the names their target's text mentions */
  patterns: Node[];
}

/** The bindings of a scope's own body (not nested functions or classes), indexed once per scope. */
function scopeIndex(scope: Node, memo: Map<number, ScopeIndex>): ScopeIndex {
  let hit = memo.get(scope.id);
  if (hit) return hit;
  hit = { byName: new Map(), patterns: [] };
  const body = scope.type === 'module' ? scope : scope.childForFieldName('body');
  const add = (name: string | undefined, value: Node): void => {
    if (name === undefined) return;
    const list = hit!.byName.get(name);
    if (list) list.push(value);
    else hit!.byName.set(name, [value]);
  };
  for (const n of body ? descendantsNoNested(body, (c) => c.type === 'assignment' || c.type === 'as_pattern' || c.type === 'named_expression' || c.type === 'for_statement') : []) {
    if (n.type === 'assignment') {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (left?.type === 'identifier') {
        if (right) add(left.text, right);
      } else if (left) hit.patterns.push(n);
    } else if (n.type === 'as_pattern') {
      const alias = n.childForFieldName('alias') ?? n.namedChildren[1];
      if (alias && n.namedChildren[0]) add(alias.text, n.namedChildren[0]);
    } else if (n.type === 'named_expression') {
      const value = n.childForFieldName('value');
      if (value) add(n.childForFieldName('name')?.text, value);
    } else hit.patterns.push(n);
  }
  memo.set(scope.id, hit);
  return hit;
}

/**
 * What a function binds `name` to: the values assigned to it in its own body (assignments, `with ... as name`, walrus),
 * and the unpackings and loops whose target mentions it (unknown values). In no particular order.
 */
function scopeValues(scope: Node, name: string, memo: Map<string, Node[]>): Node[] {
  const key = `${scope.id}\0${name}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const out: Node[] = [];
  let word: RegExp | undefined;
  const wordIn = (text: string): boolean => (word ??= new RegExp(`\\b${name}\\b`)).test(text);
  // an ASCII name bound in the body is a word of its text; another name (`café`) must pass that test as such
  const body = scope.type === 'module' ? scope : scope.childForFieldName('body');
  if (ASCII_NAME.test(name) || (body && wordIn(body.text))) {
    const index = scopeIndex(scope, indexMemo);
    const named = index.byName.get(name);
    if (named) out.push(...named);
    for (const n of index.patterns) if (wordIn(n.childForFieldName('left')?.text ?? '')) out.push(n);
  }
  memo.set(key, out);
  return out;
}

const ASCII_NAME = /^\w+$/;
const valuesMemo = new Map<string, Node[]>();
const reachMemo = new Map<string, boolean>();
const paramsMemo = new Map<number, string[]>();
const indexMemo = new Map<number, ScopeIndex>();
let valuesFile: Node | undefined;

/**
 * Can the callee be bound to requests / urlopen at all, judged from where its root name comes
 * from, the way the resolver binds names (innermost function outwards, then imports), before
 * resolving it (resolution parses the project modules a name is imported from): an import of
 * the library itself, or of a project module whose import chains mention it; a local followed
 * to the values assigned to it; a parameter is never bound.
 */
function rootMayReach(expr: Node, ctx: PyContext, depth = 0): boolean {
  if (ctx.root !== valuesFile) {
    valuesFile = ctx.root;
    valuesMemo.clear();
    indexMemo.clear();
    reachMemo.clear();
    paramsMemo.clear();
  }
  const root = rootName(expr);
  if (!root) return false;
  // the answer depends on the root's name and innermost scope only (not on where in the scope it
  // is used), on whether the callee is the bare name, and on the depth: asked once per scope and name
  const key = `${ctx.bindings.enclosingScope(root).id}\0${root.text}\0${root === expr ? 1 : 0}\0${depth}`;
  const hit = reachMemo.get(key);
  if (hit !== undefined) return hit;
  const answer = rootMayReachOnce(root, expr, ctx, depth);
  reachMemo.set(key, answer);
  return answer;
}

function rootMayReachOnce(root: Node, expr: Node, ctx: PyContext, depth: number): boolean {
  // a name nothing binds (a builtin like `str` or `len`, an undefined name): resolving gives null
  if (!ctx.bindings.mayResolveName(root.text, root)) return false;
  if (depth > 6) return fileMayReach(ctx);
  const name = root.text;
  for (let fn = enclosingFunction(root); fn; fn = enclosingFunction(fn)) {
    const values = scopeValues(fn, name, valuesMemo);
    if (values.length) {
      return values.some((v) => (v.type === 'assignment' || v.type === 'for_statement' ? fileMayReach(ctx) : rootMayReach(v, ctx, depth + 1)));
    }
    let params = paramsMemo.get(fn.id);
    if (!params) paramsMemo.set(fn.id, (params = parameterNames(fn)));
    if (params.includes(name)) {
      // `self.session.get(...)`: what the class assigns to self.session
      return params[0] === name && root !== expr ? fileMayReach(ctx) : false;
    }
  }
  const imported = ctx.bindings.imports.get(name);
  if (imported === undefined) return fileMayReach(ctx); // a module-level name of this file
  if (scopeValues(ctx.root, name, valuesMemo).length) return fileMayReach(ctx); // imported and reassigned
  if (/^(?:requests|urllib2?)(?:\.|$)/.test(imported)) return true;
  const dot = imported.lastIndexOf('.');
  if (dot <= 0) return false; // `import x`: names inside package x, never requests
  const target = findPythonModule(ctx.file.path, imported.slice(0, dot));
  return !!target && target !== ctx.file.path && reach.moduleMayReach(target);
}

/** The syntactic shape a requests / urlopen call can have: `x.get(...)`, `urlopen(...)`, an imported `get(...)`. */
function mayBeRequestCall(fn: Node, ctx: PyContext): boolean {
  if (fn.type === 'attribute') {
    const attr = fn.childForFieldName('attribute')?.text ?? '';
    return HTTP_METHODS.has(attr) || attr === 'urlopen';
  }
  if (fn.type !== 'identifier') return false;
  const imported = ctx.bindings.imports.get(fn.text);
  // `from requests import get as fetch`: the imported name decides; a local name may hold `session.get`
  if (imported === undefined) return true;
  const last = imported.slice(imported.lastIndexOf('.') + 1);
  return HTTP_METHODS.has(last) || last === 'urlopen';
}

/**
 * `timeout=None` (or a name whose only value is `None`): requests and urlopen then wait forever.
 * A parameter is the caller's value, not None.
 */
function isNoneTimeout(value: Node): boolean {
  if (value.type === 'none') return true;
  if (value.type !== 'identifier') return false;
  const name = value.text;
  const fn = enclosingFunction(value);
  if (fn) {
    if (parameterNames(fn).includes(name)) return false;
    const local = localValue(fn, name, value.startIndex);
    if (local) return local.type === 'none';
  }
  // a module constant: every module-level assignment of the name is `None`
  let seen = false;
  let root: Node = value;
  while (root.parent) root = root.parent;
  for (const stmt of root.namedChildren) {
    const a = stmt?.type === 'expression_statement' ? stmt.namedChildren[0] : null;
    if (a?.type !== 'assignment' || a.childForFieldName('left')?.text !== name) continue;
    if (a.childForFieldName('right')?.type !== 'none') return false;
    seen = true;
  }
  return seen;
}

export const python: PyDetector = {
  nodeTypes: ['call'],
  // names can come from another module (`from .http import session`), so the method name is the sound test
  requires: /requests|urlopen|\.(?:get|post|put|patch|delete|head|options|request)\s*\(/,
  mayFire: fileGate,
  visit(node: Node, ctx: PyContext) {
    const fn = node.childForFieldName('function');
    if (!fn || !mayBeRequestCall(fn, ctx)) return; // cheap shape test before any binding resolution
    if (isPythonTestCode(ctx.file.path, ctx.file.text)) return; // the test runner bounds it
    const timeout = keywordArg(node, 'timeout');
    if (timeout && !isNoneTimeout(timeout)) return;
    if (!rootMayReach(fn, ctx)) return;
    const kind = classifyRequestCall(ctx.bindings.resolve(fn));
    if (!kind) return;
    if (timeout) {
      ctx.report({
        node,
        start: node.startIndex,
        end: fn.endIndex,
        message: `\`${fn.text}\` with \`timeout=${timeout.text}\`: no timeout at all, a stalled server hangs this worker forever`,
        fixes: [replaceTimeoutFix(timeout)],
      });
      return;
    }
    if (hasKwargsSplat(node) && splatMayCarry(node, ['timeout'])) return; // **kwargs may carry the timeout
    if (kind === 'urlopen' && positionalArgs(node).length >= 3) return; // urlopen(url, data, timeout)
    ctx.report({
      node,
      start: node.startIndex,
      end: fn.endIndex,
      message:
        kind === 'urlopen'
          ? '`urlopen` without a timeout: a stalled server hangs this worker forever'
          : `\`${fn.text}\` without \`timeout=\`: a stalled server hangs this worker forever`,
      fixes: [addTimeoutFix(ctx.file.text, node, ctx.file.path)],
    });
  },
};
