/**
 * request-without-timeout, JavaScript / TypeScript.
 *
 * Flags, through bindings (imports, `require`, aliases, `this.x`, typed params):
 *   - axios method calls `axios.get/post/.../request(...)` and `axios(config)`
 *     whose config argument is missing or an object literal without `timeout`
 *     (a config variable, a spread, or a `signal` counts as configured);
 *   - `axios.create({...})` without `timeout`: flagged once at the factory, not
 *     at every call on the instance (the instance call sites are then bounded
 *     by the fix); `<instance>.defaults.timeout = N` in the file configures it;
 *   - `axios.defaults.timeout = N` in the file configures every axios call;
 *   - `fetch(url)` / `fetch(url, init)` (global, node-fetch, undici, cross-fetch)
 *     without `signal` in a literal init.
 * Browser code is skipped: a .jsx/.tsx/.js file that contains JSX, any file
 * with a 'use client' directive, a same-origin `fetch('/api/...')` or one with
 * `credentials`, and the modules `./scope` names (static/client-only folders,
 * `*.client.ts`, minified bundles, modules importing React client hooks).
 * Test files and test fixtures are skipped too.
 * A config spread counts as configured unless it is a `const` object literal of
 * the same file that provably lacks the key.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import type { JsContext, JsDetector } from '../../engine/types';
import { fixFromTransform } from '../../../../codemods/lib/jscodeshift';
import transform, { AXIOS_CONFIG_INDEX, type SiteHint } from '../../../../codemods/js/request-without-timeout';
import { isBrowserModule, isJsTestCode } from '../../lang/scope';
import { LibraryReach } from '../../lang/reach';
import { findModuleFile } from '../../lang/js/bindings';

const FETCH_QNAMES = new Set([
  'node-fetch',
  'node-fetch.default',
  'node-fetch.fetch',
  'cross-fetch',
  'cross-fetch.default',
  'cross-fetch.fetch',
  'isomorphic-fetch',
  'undici.fetch',
]);

/**
 * An axios (or fetch-module) binding can only come through an import chain that mentions the
 * package: files whose chains do not are skipped before resolving anything but a bare `fetch`.
 */
// an import or require of the package, not the word in a comment
const reach = new LibraryReach(/(?:\bfrom|\bimport|\brequire\s*\()\s*['"](?:axios|node-fetch|cross-fetch|isomorphic-fetch|undici)(?:\/[^'"]*)?['"]/, {
  specifiers: (text) => Array.from(text.matchAll(/(?:\bfrom|\bimport\s*\(|\brequire\s*\()\s*['"]([.@~][^'"]*)['"]/g), (m) => m[1]),
  find: findModuleFile,
});

interface FileFacts {
  /** an import chain of the file mentions axios or a fetch package */
  reaches: boolean;
  frontend: boolean | undefined;
  /** a test, a linter fixture or a browser module by convention: not a production server */
  outOfScope: boolean;
  fetchShadowed: boolean | undefined;
  /** `axios.defaults.timeout = ...` present */
  axiosDefaults: boolean;
  /** texts of expressions whose `.defaults.timeout` is assigned (`api`, `this.client`) */
  configured: Set<string>;
}

const facts = new WeakMap<ts.SourceFile, FileFacts>();

function factsOf(ctx: JsContext): FileFacts {
  const sf = ctx.sourceFile;
  let f = facts.get(sf);
  if (f) return f;
  f = {
    reaches: reach.mayReach(ctx.file.path, ctx.file.text),
    frontend: undefined,
    outOfScope: isJsTestCode(ctx.file.path, ctx.file.text) || isBrowserModule(ctx.file.path, ctx.file.text),
    fetchShadowed: undefined,
    axiosDefaults: false,
    configured: new Set(),
  };
  facts.set(sf, f);
  // `.defaults.timeout =` assignments: a cheap text probe before any walk
  if (/\.defaults\s*\.\s*timeout\s*=/.test(ctx.file.text)) {
    const ff = f;
    const visit = (n: ts.Node): void => {
      if (
        ts.isBinaryExpression(n) &&
        n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(n.left) &&
        n.left.name.text === 'timeout' &&
        ts.isPropertyAccessExpression(n.left.expression) &&
        n.left.expression.name.text === 'defaults'
      ) {
        const owner = n.left.expression.expression;
        const q = ctx.bindings.resolve(owner);
        if (q === 'axios' || q === 'axios.default') ff.axiosDefaults = true;
        const text = exprText(owner);
        if (text) ff.configured.add(text);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return f;
}

function isFrontend(ctx: JsContext, f: FileFacts): boolean {
  if (f.frontend !== undefined) return f.frontend;
  const sf = ctx.sourceFile;
  let fe = false;
  for (const s of sf.statements) {
    if (ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression)) {
      if (s.expression.text === 'use client') fe = true;
    } else break;
  }
  if (!fe && (ctx.file.jsx || /\.(jsx?|mjs|cjs)$/i.test(ctx.file.path))) {
    const visit = (n: ts.Node): boolean =>
      ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n) || ts.isJsxFragment(n) || !!ts.forEachChild(n, visit);
    fe = !!ts.forEachChild(sf, visit);
  }
  f.frontend = fe;
  return fe;
}

/** Some declaration in the file names `fetch` (a parameter, a local function...): a bare `fetch` may not be the global. */
function fetchShadowed(ctx: JsContext, f: FileFacts): boolean {
  if (f.fetchShadowed !== undefined) return f.fetchShadowed;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (
      (ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n) || ts.isBindingElement(n) || ts.isImportSpecifier(n) || ts.isImportClause(n) || ts.isNamespaceImport(n)) &&
      n.name &&
      ts.isIdentifier(n.name) &&
      n.name.text === 'fetch'
    ) {
      found = true;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(ctx.sourceFile);
  f.fetchShadowed = found;
  return found;
}

function exprText(n: ts.Expression): string | null {
  if (ts.isIdentifier(n)) return n.text;
  if (n.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(n)) {
    const o = exprText(n.expression);
    return o ? `${o}.${n.name.text}` : null;
  }
  return null;
}

function unwrap(n: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n) || ts.isSatisfiesExpression(n) || ts.isTypeAssertionExpression(n)) {
    n = n.expression;
  }
  return n;
}

function isStringLike(n: ts.Expression): boolean {
  return (
    ts.isStringLiteralLike(n) ||
    ts.isTemplateExpression(n) ||
    (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken && (isStringLike(unwrap(n.left)) || isStringLike(unwrap(n.right))))
  );
}

function propName(p: ts.ObjectLiteralElementLike): string | null {
  if (!p.name) return null;
  if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNoSubstitutionTemplateLiteral(p.name)) return p.name.text;
  return null;
}

/** True when the call has no bound: its config argument is missing / `undefined`, or a literal without the key. */
function needsBound(call: ts.CallExpression, site: SiteHint): boolean {
  const args = call.arguments;
  if (args.some((a) => ts.isSpreadElement(a))) return false;
  const cfg = args[site.configIndex];
  if (!cfg) return true;
  const c = unwrap(cfg);
  if (ts.isIdentifier(c) && c.text === 'undefined') return true;
  if (ts.isIdentifier(c)) {
    // `const init = { method, headers }; ... fetch(url, init)`: a local literal never given the key
    const decl = constObjectLiteral(c);
    return !!decl && !mayGainBound(c.text, decl.scope, call) && literalLacksBound(decl.literal, 0);
  }
  if (!ts.isObjectLiteralExpression(c)) return false; // a variable or call: may carry the timeout
  return literalLacksBound(c, 0);
}

/**
 * After its declaration, can the config object `name` get a bound? Yes when the scope assigns
 * `name.signal` / `name.timeout`, indexes it (`name[k] = v`), `Object.assign`s into it, or hands it
 * to any call other than `call` (which may set it).
 */
function mayGainBound(name: string, scope: ts.Node, call: ts.CallExpression): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && n.text === name) {
      const p = n.parent;
      if (ts.isPropertyAccessExpression(p) && p.expression === n) {
        if (p.name.text === 'signal' || p.name.text === 'timeout') found = true;
      } else if (ts.isElementAccessExpression(p) && p.expression === n) {
        found = true;
      } else if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p !== call && p.arguments?.some((a) => a === n)) {
        found = true;
      }
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return found;
}

/**
 * An object literal provably without `timeout` / `signal`. A spread counts
 * only when it is a `const` of this file holding an object literal that
 * itself lacks them (`const options = { headers }` ... `{ ...options, method }`).
 */
function literalLacksBound(obj: ts.ObjectLiteralExpression, depth: number): boolean {
  for (const p of obj.properties) {
    if (ts.isSpreadAssignment(p)) {
      const inner = depth < 3 ? constObjectLiteral(unwrap(p.expression))?.literal : null;
      if (!inner || !literalLacksBound(inner, depth + 1)) return false;
      continue;
    }
    if (p.name && ts.isComputedPropertyName(p.name)) return false;
    const name = propName(p);
    if (name === 'timeout' && isZeroTimeout(p)) continue; // axios and node-fetch: 0 means no timeout
    if (name === 'timeout' || name === 'signal') return false;
  }
  return true;
}

/** `timeout: 0`: axios (and node-fetch) read 0 as "no timeout". */
function isZeroTimeout(p: ts.ObjectLiteralElementLike): boolean {
  if (!ts.isPropertyAssignment(p)) return false;
  const v = unwrap(p.initializer);
  return ts.isNumericLiteral(v) && Number(v.text.replace(/_/g, '')) === 0;
}

/** The `timeout: 0` property of the call's literal config, if that is what leaves it unbounded. */
function zeroTimeoutOf(call: ts.CallExpression, site: SiteHint): ts.PropertyAssignment | null {
  const cfg = call.arguments[site.configIndex];
  const c = cfg ? unwrap(cfg) : null;
  if (!c || !ts.isObjectLiteralExpression(c)) return null;
  const p = c.properties.find((x) => propName(x) === 'timeout' && isZeroTimeout(x));
  return p && ts.isPropertyAssignment(p) ? p : null;
}

/** The object literal a `const` of this file (module level or an enclosing block) is initialised with, and that scope. */
function constObjectLiteral(e: ts.Expression): { literal: ts.ObjectLiteralExpression; scope: ts.Node } | null {
  if (!ts.isIdentifier(e)) return null;
  for (let scope: ts.Node | undefined = e.parent; scope; scope = scope.parent) {
    const statements = ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope) ? scope.statements : null;
    if (!statements) continue;
    for (const st of statements) {
      if (!ts.isVariableStatement(st) || !(st.declarationList.flags & ts.NodeFlags.Const)) continue;
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || d.name.text !== e.text) continue;
        const init = d.initializer ? unwrap(d.initializer) : null;
        return init && ts.isObjectLiteralExpression(init) ? { literal: init, scope } : null;
      }
    }
  }
  return importedObjectLiteral(e);
}

/**
 * `import { options } from '../config'` where that module has `export const options = { headers }`:
 * the shared request options of a project, read from the sibling file (relative imports only).
 */
function importedObjectLiteral(id: ts.Identifier): { literal: ts.ObjectLiteralExpression; scope: ts.Node } | null {
  const sf = id.getSourceFile();
  if (!sf || !path.isAbsolute(sf.fileName)) return null;
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !st.moduleSpecifier.text.startsWith('.')) continue;
    const bindings = st.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    const el = bindings.elements.find((x) => x.name.text === id.text);
    if (!el) continue;
    const other = projectModule(path.resolve(path.dirname(sf.fileName), st.moduleSpecifier.text));
    if (!other) return null;
    const exported = (el.propertyName ?? el.name).text;
    for (const s of other.statements) {
      if (!ts.isVariableStatement(s) || !(s.declarationList.flags & ts.NodeFlags.Const)) continue;
      if (!ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      for (const d of s.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || d.name.text !== exported) continue;
        const init = d.initializer ? unwrap(d.initializer) : null;
        return init && ts.isObjectLiteralExpression(init) ? { literal: init, scope: other } : null;
      }
    }
    return null;
  }
  return null;
}

/** Parsed sibling modules, keyed by path and modification time (the editor may change them). */
const moduleCache = new Map<string, ts.SourceFile | null>();

function projectModule(stem: string): ts.SourceFile | null {
  for (const ext of ['.ts', '.js', '.mjs', '.cjs', '/index.ts', '/index.js', '']) {
    const file = stem + ext;
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      continue; // not there
    }
    if (!st.isFile()) continue;
    if (st.size > 256 * 1024) return null;
    const key = `${file}:${st.mtimeMs}`;
    if (moduleCache.has(key)) return moduleCache.get(key)!;
    let parsed: ts.SourceFile | null = null;
    try {
      parsed = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    } catch {
      parsed = null;
    }
    if (moduleCache.size > 128) moduleCache.clear();
    moduleCache.set(key, parsed);
    return parsed;
  }
  return null;
}

/**
 * A call only a browser can make: a same-origin URL (`fetch('/api/x')`,
 * `` fetch(`/api/${id}`) ``; Node's fetch rejects a relative URL) or a
 * `credentials` option.
 */
function browserOnlyFetch(call: ts.CallExpression): boolean {
  if (inSwrFetcher(call)) return true;
  const url = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  if (url) {
    const head = ts.isStringLiteralLike(url) ? url.text : ts.isTemplateExpression(url) ? url.head.text : null;
    if (head !== null && head.startsWith('/') && !head.startsWith('//')) return true;
  }
  const init = call.arguments[1] ? unwrap(call.arguments[1]) : undefined;
  return !!init && ts.isObjectLiteralExpression(init) && init.properties.some((p) => propName(p) === 'credentials');
}

/** `const api = axios.create()` -> "api"; `this.client = axios.create()` / class field -> "this.client". */
function ownerOfCreate(call: ts.CallExpression): string | null {
  let p: ts.Node = call.parent;
  while (p && (ts.isAwaitExpression(p) || ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isSatisfiesExpression(p))) p = p.parent;
  if (!p) return null;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return exprText(p.left);
  if (ts.isPropertyDeclaration(p) && ts.isIdentifier(p.name)) return `this.${p.name.text}`;
  return null;
}

interface Site extends SiteHint {
  what: 'axios' | 'create' | 'fetch';
  label: string;
}

/** Callee names an axios or fetch call can end in: `x.get(...)`, `x.create(...)`, `globalThis.fetch(...)`. */
const SITE_METHODS = new Set([...Object.keys(AXIOS_CONFIG_INDEX), 'create', 'fetch']);

function classify(call: ts.CallExpression, ctx: JsContext): Site | null {
  const callee = unwrap(call.expression);
  // the cheap syntactic test first: only then resolve bindings (which may parse other modules)
  if (ts.isPropertyAccessExpression(callee)) {
    if (!SITE_METHODS.has(callee.name.text)) return null;
  } else if (ts.isElementAccessExpression(callee)) {
    if (!ts.isStringLiteralLike(callee.argumentExpression) || !SITE_METHODS.has(callee.argumentExpression.text)) return null;
  } else if (!ts.isIdentifier(callee)) return null;
  // the global fetch needs no import; anything else needs an import chain that mentions the package
  const globalFetch =
    (ts.isIdentifier(callee) && callee.text === 'fetch') ||
    (ts.isPropertyAccessExpression(callee) && callee.name.text === 'fetch' && ts.isIdentifier(callee.expression) && callee.expression.text === 'globalThis');
  if (!globalFetch && !factsOf(ctx).reaches) return null;
  const q = ctx.bindings.resolve(callee);
  if (q) {
    const m = /^axios(?:\.default)?(?:\.([A-Za-z]+))?$/.exec(q);
    if (m) {
      const method = m[1];
      if (!method) {
        // axios(config) / axios(url, config)
        const first = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
        if (!first) return null;
        if (ts.isObjectLiteralExpression(first)) return { what: 'axios', label: 'axios()', configIndex: 0, key: 'timeout' };
        // axios(url, config) when the first argument is a URL; a lone variable may be the config itself
        if (call.arguments.length < 2 && !isStringLike(first)) return null;
        return { what: 'axios', label: 'axios()', configIndex: 1, key: 'timeout' };
      }
      if (method === 'create') return { what: 'create', label: 'axios.create()', configIndex: 0, key: 'timeout' };
      if (method in AXIOS_CONFIG_INDEX) return { what: 'axios', label: `axios.${method}()`, configIndex: AXIOS_CONFIG_INDEX[method], key: 'timeout' };
      return null;
    }
    if (FETCH_QNAMES.has(q)) return { what: 'fetch', label: 'fetch()', configIndex: 1, key: 'signal' };
    return null;
  }
  // the global fetch: a bare `fetch` nothing in the file declares, or `globalThis.fetch`
  if (ts.isIdentifier(callee) && callee.text === 'fetch' && !fetchShadowed(ctx, factsOf(ctx))) {
    return { what: 'fetch', label: 'fetch()', configIndex: 1, key: 'signal' };
  }
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'fetch' && ts.isIdentifier(callee.expression) && callee.expression.text === 'globalThis') {
    return { what: 'fetch', label: 'fetch()', configIndex: 1, key: 'signal' };
  }
  return null;
}

/**
 * `const fetcher = (url) => fetch(url).then((r) => r.json())`: by the SWR / React Query convention a
 * function named `fetcher` is what components hand to `useSWR(key, fetcher)`, so it runs in the browser.
 */
function inSwrFetcher(call: ts.CallExpression): boolean {
  for (let n: ts.Node | undefined = call.parent; n; n = n.parent) {
    if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) {
      const p = n.parent;
      if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return /^fetcher$/i.test(p.name.text);
      if (ts.isFunctionExpression(n) && n.name) return /^fetcher$/i.test(n.name.text);
      return false;
    }
    if (ts.isFunctionDeclaration(n)) return !!n.name && /^fetcher$/i.test(n.name.text);
    if (ts.isMethodDeclaration(n)) return false;
  }
  return false;
}

/** `new Request(url, init)` (the init may carry the signal); `new URL(...)` is only an address. */
function isNewRequest(e: ts.Expression, ctx: JsContext): boolean {
  if (!ts.isNewExpression(e)) return false;
  const q = ctx.bindings.resolve(e.expression);
  if (q) return /(^|\.)Request$/.test(q);
  return !(ts.isIdentifier(e.expression) && (e.expression.text === 'URL' || e.expression.text === 'String'));
}

export const js: JsDetector = {
  kinds: [ts.SyntaxKind.CallExpression],
  // an axios instance can come from another module (`import http from './http'`): test the method names too
  requires: /axios|fetch|\.(?:get|post|put|patch|delete|head|options|request)\s*[(<]/,
  visit(node: ts.Node, ctx: JsContext) {
    const call = node as ts.CallExpression;
    const site = classify(call, ctx);
    if (!site) return;
    const f = factsOf(ctx);
    if (site.what !== 'fetch' && f.axiosDefaults) return;
    if (site.what === 'create') {
      const owner = ownerOfCreate(call);
      if (owner && f.configured.has(owner)) return;
    }
    if (f.outOfScope) return;
    if (site.what === 'fetch' && call.arguments[0] && isNewRequest(unwrap(call.arguments[0]), ctx)) return; // fetch(new Request(url, init))
    if (site.what === 'fetch' && browserOnlyFetch(call)) return;
    if (!needsBound(call, site)) return;
    if (isFrontend(ctx, f)) return;
    const sf = ctx.sourceFile;
    const start = call.getStart(sf);
    const zero = site.key === 'timeout' ? zeroTimeoutOf(call, site) : null;
    const message = zero
      ? `\`${site.label}\` with \`timeout: 0\`: axios reads 0 as no timeout, a stalled server hangs ${site.what === 'create' ? 'every request from this instance' : 'this request'} forever`
      : site.what === 'fetch'
        ? '`fetch()` without an abort `signal`: a stalled server hangs this request forever'
        : site.what === 'create'
          ? '`axios.create()` without `timeout`: every request from this instance can hang forever'
          : `\`${site.label}\` without \`timeout\`: a stalled server hangs this request forever`;
    const title = zero
      ? 'Replace `timeout: 0` with `timeout: 10_000`'
      : site.key === 'signal'
        ? 'Add `signal: AbortSignal.timeout(10_000)`'
        : 'Add `timeout: 10_000`';
    // an explicit 0 may be deliberate (a long export): replacing it is the user's call, one site at a time
    const safety = zero ? 'unsafe' : 'safe';
    const hint: SiteHint = { configIndex: site.configIndex, key: site.key };
    ctx.report({
      node: call,
      start,
      end: call.expression.getEnd(),
      message,
      fixes: () => {
        try {
          return [fixFromTransform(ctx.file, transform, { start, end: call.getEnd() }, title, safety, { site: hint })];
        } catch {
          return []; // the codemod's parser rejected the file: no fix, the finding stays
        }
      },
    });
  },
};
