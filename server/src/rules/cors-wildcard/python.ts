/**
 * cors-wildcard, Python:
 *   - django-cors-headers: `CORS_ALLOW_ALL_ORIGINS = True` / `CORS_ORIGIN_ALLOW_ALL = True` that a
 *     production settings entry sees (lang/python/settings.ts: split settings, development and
 *     test modules left out). Scoped to a few URLs with `CORS_URLS_REGEX` and without
 *     `CORS_ALLOW_CREDENTIALS = True`, it is a deliberate public API and not flagged.
 *   - flask-cors: `CORS(app)` / `CORS()` (any alias, `flask_cors.CORS`) with no origins, or `"*"`,
 *     unless the app's config sets `CORS_ORIGINS` (flask-cors reads it) or a later
 *     `init_app(..., origins=...)` gives them.
 *   - Starlette / FastAPI `CORSMiddleware` with `allow_origins=["*"]` and `allow_credentials=True`
 *     (`app.add_middleware(...)`, `Middleware(...)`): Starlette then echoes any origin with cookies.
 * Test code and code under an `if` about debug / development / testing are skipped.
 */
import type { Node } from '../../lang/python/tree';
import type { Fix, PyContext, PyDetector } from '../../engine/types';
import type { TextEdit } from '../../text/edits';
import { callArgs, keywordArg, positionalArgs, preferredQuote, stringValue } from '../../lang/python/ast';
import { appendArgument, ensureImport } from '../../lang/python/edits';
import { isPythonTestCode } from '../../lang/scope';
import { djangoSettings } from '../../lang/python/settings';
import { FactsIndex, PY_MARKERS, projectFiles, projectRoot } from '../../lang/endpoints/model';
import * as path from 'node:path';

const ENV = 'CORS_ALLOWED_ORIGINS';
const DJANGO_NAMES: Record<string, string> = { CORS_ALLOW_ALL_ORIGINS: 'CORS_ALLOWED_ORIGINS', CORS_ORIGIN_ALLOW_ALL: 'CORS_ORIGIN_WHITELIST' };
const FLASK_CORS = new Set(['flask_cors.CORS', 'flask_cors.extension.CORS']);
const CORS_MIDDLEWARE = new Set(['fastapi.middleware.cors.CORSMiddleware', 'starlette.middleware.cors.CORSMiddleware']);
const MIDDLEWARE = new Set(['starlette.middleware.Middleware', 'fastapi.middleware.Middleware']);
const DEV_CONDITION = /debug|develop|\bdev\b|testing|\blocal\b|is_dev|DEV\b/i;

/** The origins read from the environment, in the file's way of reading it: `env.list(...)` with django-environ, else `os.environ`. */
function originsFromEnv(ctx: PyContext): { text: string; edits: TextEdit[] } {
  const q = preferredQuote(ctx.file.text);
  const envQ = ctx.bindings.resolve(moduleName(ctx.root, 'env'));
  if (envQ === 'environ.Env()' || envQ === 'environ.environ.Env()') return { text: `env.list(${q}${ENV}${q}, default=[])`, edits: [] };
  const imp = ensureImport(ctx.file.text, ctx.root, 'os', ctx.file.path);
  return { text: `[o for o in os.environ.get(${q}${ENV}${q}, ${q}${q}).split(${q},${q}) if o]`, edits: imp ? [imp] : [] };
}

/** The identifier node of a module-level assignment target `name` (for resolving it), or null. */
function moduleName(root: Node, name: string): Node | null {
  for (const stmt of root.namedChildren) {
    const a = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : null;
    const left = a?.type === 'assignment' ? a.childForFieldName('left') : null;
    if (left?.type === 'identifier' && left.text === name) return left;
  }
  return null;
}

function isWildcard(v: Node | null | undefined): boolean {
  if (!v) return false;
  if (stringValue(v) === '*') return true;
  return (v.type === 'list' || v.type === 'tuple' || v.type === 'set') && v.namedChildren.some((c) => stringValue(c) === '*');
}

/** Inside an `if` (or `elif`) whose condition is about debug mode, development or tests. */
function underDevCondition(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if ((p.type === 'if_statement' || p.type === 'elif_clause') && DEV_CONDITION.test(p.childForFieldName('condition')?.text ?? '')) return true;
    if (p.type === 'else_clause' && p.parent?.type === 'if_statement' && /prod/i.test(p.parent.childForFieldName('condition')?.text ?? '')) return true;
  }
  return false;
}

/** Python files of the project that set flask-cors' `CORS_ORIGINS` config key. */
const corsConfig = new FactsIndex<boolean>(/CORS_ORIGINS/, () => true);

function projectSetsCorsOrigins(file: string, text: string): boolean {
  if (/\bCORS_ORIGINS\b/.test(text)) return true;
  if (!path.isAbsolute(file)) return false;
  const root = projectRoot(file, PY_MARKERS);
  return corsConfig.all(projectFiles(root, ['.py'], PY_MARKERS)).length > 0;
}

export const python: PyDetector = {
  nodeTypes: ['module', 'call'],
  requires: /CORS_ALLOW_ALL_ORIGINS|CORS_ORIGIN_ALLOW_ALL|flask_cors|CORSMiddleware/,
  visit(node: Node, ctx: PyContext) {
    if (node.type === 'module') return django(node, ctx);
    const fn = node.childForFieldName('function');
    if (!fn) return;
    const last = fn.type === 'attribute' ? (fn.childForFieldName('attribute')?.text ?? '') : fn.text;
    if (last === 'add_middleware' || /Middleware$/.test(last)) return starlette(node, fn, last, ctx);
    // the cheap shape test first: `CORS(...)`, `flask_cors.CORS(...)`, or a name imported under an alias
    if (last !== 'CORS' && !(fn.type === 'identifier' && ctx.bindings.imports.has(fn.text))) return;
    const q = ctx.bindings.resolve(fn);
    if (!q || !FLASK_CORS.has(q)) return;
    if (isPythonTestCode(ctx.file.path, ctx.file.text) || underDevCondition(node)) return;
    flask(node, ctx);
  },
};

function django(root: Node, ctx: PyContext): void {
  const text = ctx.file.text;
  if (!/^(?:CORS_ALLOW_ALL_ORIGINS|CORS_ORIGIN_ALLOW_ALL)\s*=\s*True\b/m.test(text)) return;
  const s = djangoSettings(ctx.file.path, root, text);
  if (!s) return;
  for (const name of Object.keys(DJANGO_NAMES)) {
    const seen = new Set<number>();
    for (const top of s.tops) {
      const v = top.effective.get(name);
      if (!v || v.file !== s.facts.file || v.conditional || v.kind !== 'true' || seen.has(v.start)) continue;
      const credentials = top.effective.get('CORS_ALLOW_CREDENTIALS')?.kind === 'true';
      // a public API on purpose: CORS headers only on the URLs named, and never with cookies
      if (top.effective.has('CORS_URLS_REGEX') && !credentials) continue;
      seen.add(v.start);
      const stmt = root.descendantForIndex(v.start, v.end);
      const listed = top.effective.has('CORS_ALLOWED_ORIGINS') || top.effective.has('CORS_ORIGIN_WHITELIST');
      let fix: Fix;
      if (listed) {
        // an allow-list is already there: stop overriding it
        fix = { title: `Set \`${name} = False\` (the allow-list of the settings applies)`, applicability: 'unsafe', edits: [{ start: v.valueStart, end: v.valueEnd, newText: 'False' }] };
      } else {
        const origins = originsFromEnv(ctx);
        const target = DJANGO_NAMES[name];
        fix = { title: `Allow only the origins listed in \`${ENV}\` (\`${target}\`)`, applicability: 'unsafe', edits: [{ start: v.start, end: v.end, newText: `${target} = ${origins.text}` }, ...origins.edits] };
      }
      ctx.report({
        node: stmt,
        start: v.start,
        end: v.end,
        message: `\`${name} = True\` in production settings: every website may read this API's responses${credentials ? ", with the visitor's cookies (`CORS_ALLOW_CREDENTIALS = True`)" : ''}; allow the origins listed in the environment`,
        fixes: [fix],
      });
    }
  }
}

function flask(call: Node, ctx: PyContext): void {
  const origins = keywordArg(call, 'origins');
  const resources = keywordArg(call, 'resources');
  const credentials = keywordArg(call, 'supports_credentials')?.type === 'true';
  const withCookies = credentials ? ', echoing it with cookies allowed (`supports_credentials=True`)' : '';
  const env = (): { text: string; edits: TextEdit[] } => originsFromEnv(ctx);
  let replace: Node | null = null;
  if (origins) {
    if (!isWildcard(origins)) return;
    replace = origins;
  } else if (resources) {
    // per-path options: a path without its own `origins` takes the default, `*`
    if (resources.type === 'dictionary') {
      const values = resources.namedChildren.filter((p) => p.type === 'pair').map((p) => p.childForFieldName('value'));
      if (!values.length || values.some((v) => v?.type !== 'dictionary')) return;
      const star = values.flatMap((v) => v!.namedChildren.filter((p) => p.type === 'pair' && stringValue(p.childForFieldName('key')) === 'origins')).find((p) => isWildcard(p.childForFieldName('value')));
      const lacking = values.some((v) => !v!.namedChildren.some((p) => p.type === 'pair' && stringValue(p.childForFieldName('key')) === 'origins'));
      if (star) replace = star.childForFieldName('value');
      else if (!lacking) return;
    } else if (resources.type !== 'string') return;
  }
  if (!origins && !replace && projectSetsCorsOrigins(ctx.file.path, ctx.file.text)) return;
  // `cors = CORS()` in an extensions module, `cors.init_app(app, origins=...)` in the factory
  if (!callArgs(call).length && /\.init_app\s*\([^)]*\borigins\s*=/.test(ctx.file.text)) return;
  const o = env();
  const edits: TextEdit[] = replace ? [{ start: replace.startIndex, end: replace.endIndex, newText: o.text }] : [appendArgument(ctx.file.text, call, `origins=${o.text}`)];
  edits.push(...o.edits);
  const fn = call.childForFieldName('function')!;
  ctx.report({
    node: call,
    start: call.startIndex,
    end: fn.endIndex,
    message: `\`${fn.text}(${positionalArgs(call)[0]?.text ?? ''})\` ${replace ? 'allows the origin `*`' : 'without `origins` allows every origin (`*`)'}: any website may call this app from its visitors' browsers and read the answers${withCookies}; allow the origins listed in the environment`,
    fixes: [{ title: `Allow only the origins listed in \`${ENV}\``, applicability: 'unsafe', edits }],
  });
}

function starlette(call: Node, fn: Node, last: string, ctx: PyContext): void {
  const first = positionalArgs(call)[0];
  if (!first) return;
  if (last === 'add_middleware') {
    if (fn.type !== 'attribute') return;
  } else if (!MIDDLEWARE.has(ctx.bindings.resolve(fn) ?? '')) return;
  if (!CORS_MIDDLEWARE.has(ctx.bindings.resolve(first) ?? '')) return;
  if (keywordArg(call, 'allow_credentials')?.type !== 'true') return;
  let origins = keywordArg(call, 'allow_origins');
  if (!origins) return;
  // `origins = ["*"]` at module level, passed by name
  let at: Node = origins;
  if (origins.type === 'identifier') {
    const left = moduleName(ctx.root, origins.text);
    const value = left?.parent?.childForFieldName('right') ?? null;
    if (!value || !isWildcard(value)) return;
    at = assignedOnce(ctx.root, origins.text) ? value : origins;
    origins = value;
  }
  if (!isWildcard(origins)) return;
  if (isPythonTestCode(ctx.file.path, ctx.file.text) || underDevCondition(call)) return;
  const o = originsFromEnv(ctx);
  ctx.report({
    node: call,
    start: call.startIndex,
    end: fn.endIndex,
    message: '`CORSMiddleware` with `allow_origins=["*"]` and `allow_credentials=True`: Starlette then echoes any origin and lets it send the visitor\'s cookies, so every website can act as the signed-in user; allow the origins listed in the environment',
    fixes: [{ title: `Allow only the origins listed in \`${ENV}\``, applicability: 'unsafe', edits: [{ start: at.startIndex, end: at.endIndex, newText: o.text }, ...o.edits] }],
  });
}

function assignedOnce(root: Node, name: string): boolean {
  let n = 0;
  for (const a of root.descendantsOfType('assignment')) {
    if (a.childForFieldName('left')?.text === name) n++;
  }
  return n === 1;
}
