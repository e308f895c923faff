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
 * Browser code is skipped: a .jsx/.tsx/.js file that contains JSX, or any file
 * with a 'use client' directive.
 */
import { ts } from 'ts-morph';
import type { JsContext, JsDetector } from '../../engine/types';
import { fixFromTransform } from '../../../../codemods/lib/jscodeshift';
import transform, { AXIOS_CONFIG_INDEX, type SiteHint } from '../../../../codemods/js/request-without-timeout';

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

interface FileFacts {
  frontend: boolean | undefined;
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
  f = { frontend: undefined, fetchShadowed: undefined, axiosDefaults: false, configured: new Set() };
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
  if (!ts.isObjectLiteralExpression(c)) return false; // a variable or call: may carry the timeout
  for (const p of c.properties) {
    if (ts.isSpreadAssignment(p)) return false;
    const name = propName(p);
    if (name === 'timeout' || name === 'signal') return false;
  }
  return true;
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

function classify(call: ts.CallExpression, ctx: JsContext): Site | null {
  const callee = unwrap(call.expression);
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

export const js: JsDetector = {
  kinds: [ts.SyntaxKind.CallExpression],
  requires: /axios|fetch/,
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
    if (site.what === 'fetch' && call.arguments[0] && ts.isNewExpression(unwrap(call.arguments[0]))) return; // fetch(new Request(url, init))
    if (!needsBound(call, site)) return;
    if (isFrontend(ctx, f)) return;
    const sf = ctx.sourceFile;
    const start = call.getStart(sf);
    const message =
      site.what === 'fetch'
        ? '`fetch()` without an abort `signal`: a stalled server hangs this request forever'
        : site.what === 'create'
          ? '`axios.create()` without `timeout`: every request from this instance can hang forever'
          : `\`${site.label}\` without \`timeout\`: a stalled server hangs this request forever`;
    const title =
      site.key === 'signal' ? 'Add `signal: AbortSignal.timeout(10_000)`' : 'Add `timeout: 10_000`';
    const hint: SiteHint = { configIndex: site.configIndex, key: site.key };
    ctx.report({
      node: call,
      start,
      end: call.expression.getEnd(),
      message,
      fixes: () => {
        try {
          return [fixFromTransform(ctx.file, transform, { start, end: call.getEnd() }, title, 'safe', { site: hint })];
        } catch {
          return []; // the codemod's parser rejected the file: no fix, the finding stays
        }
      },
    });
  },
};
