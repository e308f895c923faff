/**
 * Codemod: give a sensitive Python endpoint a rate limit that keeps the app working.
 *
 *   DRF class view   throttle_classes = [ScopedRateThrottle] + throttle_scope = "<scope>",
 *                    and the scope's rate in REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] of the
 *                    project's settings module (an edit of a second file; the dicts are
 *                    merged into the ones that exist, created when missing). Without a
 *                    settings module there is no fix: a scope without a rate raises
 *                    ImproperlyConfigured on the first request.
 *   DRF @action      throttle_classes=[ScopedRateThrottle], throttle_scope="<scope>" on the action
 *   Flask route      @limiter.limit("5 per minute") under the route decorator, reusing the
 *                    project's Limiter (imported from the module it lives in); when the project
 *                    has none and the Flask app is made in this file, a Limiter with Redis
 *                    storage from REDIS_URL is created next to it; when the app is made in a
 *                    factory that registers the route's blueprint, one Limiter for the app in the
 *                    package's extensions.py (or a new limiter.py), init_app'ed in the factory;
 *                    a blueprint whose registration cannot be followed gets its own, initialised
 *                    by `bp.record_once(...)` when it is registered. A new Limiter also declares
 *                    Flask-Limiter[redis]>=3 in pyproject.toml / requirements.txt (./dependencies.ts).
 * Edit builders over tree-sitter; the file's indentation, quotes and line endings are kept.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Node } from '../../server/src/lang/python/tree';
import type { FileEdits, Fix, SourceFile } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import type { PyEndpoint, PyProject } from '../../server/src/lang/endpoints/python';
import { parsePythonTree } from '../../server/src/lang/python/parser';
import { findPythonModule } from '../../server/src/lang/python/bindings';
import { readTextFile } from '../../server/src/lang/snapshot';
import { appendArgument, ensureFromImport, ensureImport } from '../../server/src/lang/python/edits';
import { indentAt, indentUnit, keywordArg, preferredQuote, stringValue } from '../../server/src/lang/python/ast';
import { detectEol } from '../../server/src/text/positions';
import { pythonDependencyEdit } from './dependencies';

export const DRF_RATE = '5/min';
export const FLASK_RATE = '5 per minute';
/** What a new Limiter declares: the 3.x API the fix writes (key function first), with the Redis client. */
const FLASK_LIMITER = 'Flask-Limiter[redis]>=3';

function rootOf(n: Node): Node {
  let cur = n;
  while (cur.parent) cur = cur.parent;
  return cur;
}

/** A DRF throttle scope named after the endpoint's sensitive fragment (`login`, `password`). */
function scopeName(fragment: string): string {
  return fragment.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
}

export function pythonFixes(file: SourceFile, e: PyEndpoint, fragment: string, project: PyProject | null): Fix[] {
  if (e.framework === 'drf' && (e.drfKind === 'class' || e.drfKind === 'action')) {
    const f = drfFix(file, e, scopeName(fragment), project);
    return f ? [f] : [];
  }
  if (e.framework === 'flask' && e.node.type === 'function_definition') {
    const f = flaskFix(file, e, project, fragment);
    return f ? [f] : [];
  }
  return [];
}

// ---------------------------------------------------------------------------
// DRF

function drfFix(file: SourceFile, e: PyEndpoint, scope: string, project: PyProject | null): Fix | null {
  const settings = project?.settingsFile;
  if (!settings) return null;
  const text = file.text;
  const root = rootOf(e.node);
  const q = preferredQuote(text);
  const edits: TextEdit[] = [];
  if (e.drfKind === 'action') {
    const deco = (e.node.parent?.namedChildren ?? []).find((d) => d.type === 'decorator' && /(^|\.)action$/.test(d.namedChildren[0]?.childForFieldName('function')?.text ?? ''));
    const call = deco?.namedChildren[0];
    if (!call || call.type !== 'call') return null;
    if (keywordArg(call, 'throttle_classes') || keywordArg(call, 'throttle_scope')) return null;
    edits.push(appendArgument(text, call, `throttle_classes=[ScopedRateThrottle], throttle_scope=${q}${scope}${q}`));
  } else {
    const body = e.node.childForFieldName('body');
    if (!body) return null;
    const stmts = body.namedChildren.filter((c) => c.type !== 'comment');
    const first = stmts[0];
    if (!first) return null;
    const eol = detectEol(text);
    // `throttle_classes = []` is replaced; otherwise the lines go after the docstring
    const empty = stmts.find((s) => s.type === 'expression_statement' && /^throttle_classes\s*=\s*[[(]\s*[\])]$/.test(s.text));
    const indent = indentAt(text, first.startIndex);
    if (empty) {
      edits.push({ start: empty.startIndex, end: empty.endIndex, newText: `throttle_classes = [ScopedRateThrottle]${eol}${indent}throttle_scope = ${q}${scope}${q}` });
    } else {
      const docstring = first.type === 'expression_statement' && first.namedChildren[0]?.type === 'string' ? first : null;
      const anchor = docstring ? (stmts[1] ?? null) : first;
      const lines = `throttle_classes = [ScopedRateThrottle]${eol}${indent}throttle_scope = ${q}${scope}${q}${eol}`;
      if (anchor) {
        const lineStart = anchor.startIndex - indent.length;
        // a blank line before methods, none among other class attributes
        const blank = anchor.type === 'function_definition' || anchor.type === 'decorated_definition' ? eol : '';
        edits.push({ start: lineStart, end: lineStart, newText: `${indent}${lines}${blank}` });
      } else {
        edits.push({ start: docstring!.endIndex, end: docstring!.endIndex, newText: `${eol}${eol}${indent}${lines.slice(0, -eol.length)}` });
      }
    }
  }
  const imp = ensureFromImport(text, root, 'rest_framework.throttling', 'ScopedRateThrottle');
  if (imp) edits.push(imp);
  const settingsEdit = ratesEdit(settings, scope, project!);
  if (settingsEdit === undefined) return null;
  return {
    title: `Throttle with a \`${scope}\` scope (ScopedRateThrottle) and add its rate \`${DRF_RATE}\` to ${path.basename(settings)}`,
    applicability: 'unsafe',
    edits,
    ...(settingsEdit ? { fileEdits: [{ path: settings, edits: [settingsEdit] }] } : {}),
  };
}

/**
 * The edit adding `"<scope>": "5/min"` to DEFAULT_THROTTLE_RATES of the settings module, null when the
 * scope already has a rate, undefined when the module cannot be read.
 */
export function ratesEdit(settingsFile: string, scope: string, project: PyProject): TextEdit | null | undefined {
  let text: string;
  try {
    text = fs.readFileSync(settingsFile, 'utf8');
  } catch {
    return undefined;
  }
  if (project.settings.some((s) => scope in s.rates)) return null;
  const s = project.settings.find((x) => x.file === settingsFile);
  const q = preferredQuote(text);
  const eol = detectEol(text);
  const unit = indentUnit(text);
  const entry = `${q}${scope}${q}: ${q}${DRF_RATE}${q}`;
  if (s?.ratesDict) return insertIntoDict(text, s.ratesDict, entry, eol);
  if (s?.restFramework) return insertIntoDict(text, s.restFramework, `${q}DEFAULT_THROTTLE_RATES${q}: {${entry}}`, eol);
  // no REST_FRAMEWORK in this module: define one at the end
  const tail = text.endsWith('\n') ? '' : eol;
  return { start: text.length, end: text.length, newText: `${tail}${eol}REST_FRAMEWORK = {${eol}${unit}${q}DEFAULT_THROTTLE_RATES${q}: {${entry}},${eol}}${eol}` };
}

/** Adds `entry` as the last item of a dict literal, in its layout (one item per line or inline). */
function insertIntoDict(text: string, range: { start: number; end: number }, entry: string, eol: string): TextEdit {
  const inner = text.slice(range.start + 1, range.end - 1);
  const close = range.end - 1;
  if (inner.trim() === '') return { start: range.start + 1, end: close, newText: entry };
  const multiline = /\n/.test(inner);
  const trimmed = inner.replace(/\s+$/, '');
  const lastChar = trimmed[trimmed.length - 1];
  const afterLast = range.start + 1 + trimmed.length;
  if (!multiline) return { start: afterLast, end: afterLast, newText: `${lastChar === ',' ? '' : ','} ${entry}` };
  // the indentation of the dict's items
  const tree = parsePythonTree(text.slice(range.start, range.end));
  const items = tree.descendantsOfType('pair');
  const firstItem = items[0];
  const itemIndent = firstItem ? indentAt(text, range.start + firstItem.startIndex) : indentAt(text, range.start) + '    ';
  return { start: afterLast, end: afterLast, newText: `${lastChar === ',' ? '' : ','}${eol}${itemIndent}${entry},` };
}

// ---------------------------------------------------------------------------
// Flask

function flaskFix(file: SourceFile, e: PyEndpoint, project: PyProject | null, fragment: string): Fix | null {
  const text = file.text;
  const fn = e.node;
  const decorated = fn.parent;
  // an exempted route was exempted on purpose, and the exemption may cover route limits too
  if (decorated?.type !== 'decorated_definition' || e.exempt) return null;
  const decos = decorated.namedChildren.filter((c) => c.type === 'decorator');
  // the limit goes right under the route decorator (routes must stay outermost)
  const route = decos.find((d) => /\.(route|get|post|put|patch|delete)\s*\(/.test(d.text));
  if (!route) return null;
  const root = rootOf(fn);
  const q = preferredQuote(text);
  const eol = detectEol(text);
  const indent = indentAt(text, route.startIndex);
  const edits: TextEdit[] = [];
  const limiters = project?.limiters ?? [];
  const other: FileEdits[] = [];
  let name: string;
  let factory = false;
  const inFile = fileLimiter(root);
  if (inFile) {
    // this file already makes one (possibly a fix of another route a moment ago)
    name = inFile;
  } else if (limiters.length) {
    // reuse the project's limiter: the one of this file, else the first one, imported from its module
    const here = limiters.find((l) => l.file === file.path);
    const chosen = here ?? limiters[0];
    name = chosen.name;
    if (!here && !importsName(root, name)) {
      const mod = moduleName(project!.root, chosen.file);
      if (!mod) return null;
      const imp = ensureFromImport(text, root, mod, name);
      if (imp) edits.push(imp);
    }
  } else {
    // no limiter anywhere: create one next to the Flask app of this file; in an app factory
    // project, next to the route's blueprint, initialised on the app that registers it
    // (`bp.record_once`), so the factory module needs no edit and no import cycle appears
    const app = flaskAppAssignment(root);
    const owner = route.namedChildren[0]?.childForFieldName('function')?.childForFieldName('object');
    const bp = app || owner?.type !== 'identifier' ? null : moduleAssignment(root, owner.text, /(^|\.)Blueprint$/);
    // the blueprint made in its package's __init__.py and imported here (`from app.auth import bp`)
    const imported = app || bp || owner?.type !== 'identifier' ? null : importedBlueprint(file.path, root, owner.text);
    if (!app && !bp && !imported) return null;
    name = 'limiter';
    // an app factory that registers this blueprint: one limiter for the app, in the factory's
    // package (its `extensions.py` when it has one), `init_app`ed in the factory
    const shared = project && (bp || imported) ? sharedLimiter(file, root, imported ?? { file: file.path, name: bp!.name }, project) : null;
    if (shared === 'reuse' || shared) {
      if (shared !== 'reuse') {
        const imp = ensureFromImport(text, root, importPath(file.path, shared.module, root), 'limiter', file.path);
        if (imp) edits.push(imp);
        other.push(...shared.fileEdits);
      }
      edits.push({ start: route.endIndex, end: route.endIndex, newText: `${eol}${indent}@limiter.limit(${q}${FLASK_RATE}${q}${onlySubmits(e, q)})` });
      const dep = shared === 'reuse' ? null : pythonDependencyEdit(file.path, 'flask-limiter', FLASK_LIMITER, project?.root);
      if (dep) other.push({ path: dep.path, edits: dep.edits });
      const where = shared === 'reuse' ? '' : ` in \`${path.relative(path.dirname(file.path), shared.module).replace(/\\/g, '/')}\`, \`init_app\`ed in ${path.basename(shared.factory)}`;
      return {
        title: `Limit to ${FLASK_RATE} with \`@limiter.limit\`${shared === 'reuse' ? '' : ` and a new flask-limiter \`Limiter\` (Redis storage from REDIS_URL)${where}`}${dep ? ` and \`${FLASK_LIMITER}\` in ${dep.manifest}` : ''}`,
        applicability: 'unsafe',
        edits: mergeSamePoint(edits),
        ...(other.length ? { fileEdits: other } : {}),
      };
    }
    if (/^\s*limiter\s*=/m.test(text) || /\blimiter\b/.test(text) || (!app && !bp)) return null;
    const imports = [ensureImport(text, root, 'os'), ensureFromImport(text, root, 'flask_limiter', 'Limiter'), ensureFromImport(text, root, 'flask_limiter.util', 'get_remote_address')];
    for (const i of imports) if (i) edits.push(i);
    const created = app
      ? `${eol}limiter = Limiter(get_remote_address, app=${app.name}, storage_uri=os.environ[${q}REDIS_URL${q}])`
      : `${eol}limiter = Limiter(get_remote_address, storage_uri=os.environ[${q}REDIS_URL${q}])${eol}${bp!.name}.record_once(lambda state: limiter.init_app(state.app))`;
    const stmt = (app ?? bp)!.stmt;
    edits.push({ start: stmt.endIndex, end: stmt.endIndex, newText: created });
    factory = !app;
  }
  const lineStart = route.endIndex;
  // the rate this file already gives the same kind of endpoint (`settings.THROTTLE_PASS_RESET_PATTERN`)
  const own = inFile || limiters.length ? fileRate(root, name, fragment) : null;
  edits.push({ start: lineStart, end: lineStart, newText: `${eol}${indent}@${name}.limit(${own ?? `${q}${FLASK_RATE}${q}`}${onlySubmits(e, q)})` });
  // a new Limiter: flask-limiter (with its Redis client) declared where the project declares its dependencies
  const dep = inFile || limiters.length ? null : pythonDependencyEdit(file.path, 'flask-limiter', FLASK_LIMITER, project?.root);
  return {
    title: (inFile || limiters.length
      ? own ? `Limit with \`@${name}.limit(${own})\`, the rate this module gives its other ${fragment} endpoints` : `Limit to ${FLASK_RATE} with \`@${name}.limit\``
      : factory
        ? `Limit to ${FLASK_RATE} with a new flask-limiter \`Limiter\` for this blueprint (Redis storage from REDIS_URL, initialised on the app that registers it)`
        : `Limit to ${FLASK_RATE} with a new flask-limiter \`Limiter\` (Redis storage from REDIS_URL)`) + (dep ? ` and \`${FLASK_LIMITER}\` in ${dep.manifest}` : ''),
    applicability: 'unsafe',
    edits: mergeSamePoint(edits),
    ...(dep ? { fileEdits: [{ path: dep.path, edits: dep.edits }] } : {}),
  };
}

/**
 * A route that also renders its form on GET: only the submissions count against the limit, when
 * the code shows GET does nothing but render: no path parameters (a magic-link token is a
 * credential in the URL), every use of `request` inside `if form.validate_on_submit():` or
 * `if request.method == "POST":`. Otherwise (credentials read from headers or the query on GET,
 * e-mail sent on GET) every method is limited.
 */
function onlySubmits(e: PyEndpoint, q: string): string {
  const submits = e.methods.filter((m) => m !== 'GET' && m !== 'HEAD' && m !== 'OPTIONS' && m !== '*');
  if (!e.methods.includes('GET') || !submits.length) return '';
  const fn = e.node;
  if (fn.type !== 'function_definition' || (fn.childForFieldName('parameters')?.namedChildren.length ?? 0) > 0) return '';
  const guard = /^(\w+\.validate_on_submit\(\)|request\.method\s*==\s*["'](POST|PUT|PATCH)["'])$/;
  let guarded = false;
  for (const st of fn.childForFieldName('body')?.namedChildren ?? []) {
    const cond = st.type === 'if_statement' ? st.childForFieldName('condition')?.text.trim() ?? '' : '';
    if (cond && guard.test(cond) && !st.namedChildren.some((c) => c.type === 'elif_clause' || c.type === 'else_clause')) {
      guarded = true;
      continue;
    }
    if (/\brequest\b/.test(st.text)) return '';
  }
  return guarded ? `, methods=[${submits.map((m) => `${q}${m}${q}`).join(', ')}]` : '';
}

const LIMITER_ENV = (q: string): string => `limiter = Limiter(get_remote_address, storage_uri=os.environ[${q}REDIS_URL${q}])`;

/**
 * One limiter for an app made in a factory: `limiter = Limiter(...)` appended to the factory
 * package's `extensions.py` (or a new `limiter.py` beside the factory), and
 * `limiter.init_app(app)` in the factory after the extensions it initialises already (else
 * right after the app is made). Every route's fix computes the same edits of those two files,
 * which the engine keeps once. 'reuse' when this file imports `limiter` already (an earlier fix
 * of this run); null when the factory or a free `limiter` name cannot be found.
 */
function sharedLimiter(file: SourceFile, root: Node, blueprint: { file: string; name: string }, project: PyProject): { module: string; factory: string; fileEdits: FileEdits[] } | 'reuse' | null {
  const bpName = blueprint.name;
  const bpFile = blueprint.file;
  const factory = project.blueprintRegistrars.get(`${bpFile}#${bpName}`);
  if (!factory || factory === file.path || factory === bpFile) return null;
  const ftext = readTextFile(factory);
  if (ftext === null) return null;
  const froot = parsePythonTree(ftext);
  // the blueprint's local name in the factory module, and its register_blueprint call
  // (`from .auth import bp as auth_bp` -> `auth_bp`; `from . import auth` -> `auth.bp`)
  const locals = new Set<string>();
  for (const imp of froot.descendantsOfType('import_from_statement')) {
    const mod = imp.childForFieldName('module_name')?.text;
    for (const n of imp.childrenForFieldName('name')) {
      const orig = n.type === 'aliased_import' ? n.childForFieldName('name')?.text : n.text;
      const local = n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : n.text;
      if (!mod || !orig || !local) continue;
      if (orig === bpName && findPythonModule(factory, mod) === bpFile) locals.add(local);
      if (findPythonModule(factory, mod.endsWith('.') ? `${mod}${orig}` : `${mod}.${orig}`) === bpFile) locals.add(`${local}.${bpName}`);
    }
  }
  const call = froot.descendantsOfType('call').find((c) => {
    const fn = c.childForFieldName('function');
    const arg = c.childForFieldName('arguments')?.namedChildren[0];
    return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'register_blueprint' && (arg?.type === 'identifier' || arg?.type === 'attribute') && locals.has(arg.text);
  });
  const appName = call?.childForFieldName('function')?.childForFieldName('object');
  if (!call || appName?.type !== 'identifier') return null;
  let fn: Node | null = call.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  const body = fn?.childForFieldName('body');
  if (!body) return null;
  const stmts = body.namedChildren;
  const made = stmts.find((st) => {
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : null;
    return a?.type === 'assignment' && a.childForFieldName('left')?.text === appName.text && a.childForFieldName('right')?.type === 'call';
  });
  if (!made) return null;
  // `limiter` must be free in the three modules (this file may import it: an earlier fix of this run)
  const binds = (r: Node, t: string): boolean => /\blimiter\b/.test(t) && (importsName(r, 'limiter') || /^\s*limiter\s*=/m.test(t) || /\bdef limiter\b/.test(t));
  if (binds(root, file.text)) return importsName(root, 'limiter') ? 'reuse' : null;
  if (binds(froot, ftext)) return null;
  const dir = path.dirname(factory);
  const q = preferredQuote(ftext);
  const extensions = path.join(dir, 'extensions.py');
  const etext = readTextFile(extensions);
  const fileEdits: FileEdits[] = [];
  let module: string;
  // the factory module makes the extensions itself (`db = SQLAlchemy()` above `create_app`,
  // `db.init_app(app)` in it): the limiter joins them there
  const eol = detectEol(ftext);
  const fedits: TextEdit[] = [];
  // the app's configuration names its Redis already (`app.config["REDIS_URL"]`, with the
  // project's own default for tests and development): the limiter stores its counters there
  const a = appName.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const configured = new RegExp(`\\b${a}\\.config\\[\\s*(["'])REDIS_URL\\1\\s*\\]`).exec(ftext);
  const LIMITER_LINE = (quote: string): string => (configured ? 'limiter = Limiter(get_remote_address)' : LIMITER_ENV(quote));
  const osImport = (t: string, r: Node, f?: string): TextEdit | null => (configured ? null : ensureImport(t, r, 'os', f));
  const lastExtension = [...froot.namedChildren].reverse().find((st) => {
    const asg = st.type === 'expression_statement' ? st.namedChildren[0] : null;
    const l = asg?.type === 'assignment' ? asg.childForFieldName('left') : null;
    return l?.type === 'identifier' && asg!.childForFieldName('right')?.type === 'call' && st.startIndex < fn!.startIndex && stmts.some((x) => new RegExp(`^${l.text}\\.init_app\\(`).test(x.text));
  });
  if (lastExtension && etext === null) {
    module = factory;
    fedits.push(...[osImport(ftext, froot, factory), ensureFromImport(ftext, froot, 'flask_limiter', 'Limiter', factory), ensureFromImport(ftext, froot, 'flask_limiter.util', 'get_remote_address', factory)].filter((x): x is TextEdit => !!x));
    fedits.push({ start: lastExtension.endIndex, end: lastExtension.endIndex, newText: `${eol}${LIMITER_LINE(q)}` });
  } else if (etext !== null) {
    const eroot = parsePythonTree(etext);
    if (binds(eroot, etext) || fileLimiter(eroot)) return null;
    const eeol = detectEol(etext);
    const edits: TextEdit[] = [osImport(etext, eroot, extensions), ensureFromImport(etext, eroot, 'flask_limiter', 'Limiter'), ensureFromImport(etext, eroot, 'flask_limiter.util', 'get_remote_address')].filter((x): x is TextEdit => !!x);
    const tail = etext.length && !etext.endsWith('\n') ? eeol : '';
    edits.push({ start: etext.length, end: etext.length, newText: `${tail}${LIMITER_LINE(preferredQuote(etext))}${eeol}` });
    fileEdits.push({ path: extensions, edits: mergeSamePoint(edits) });
    module = extensions;
  } else {
    module = path.join(dir, 'limiter.py');
    if (fs.existsSync(module)) return null;
    const created = [...(configured ? [] : ['import os', '']), 'from flask_limiter import Limiter', 'from flask_limiter.util import get_remote_address', '', LIMITER_LINE(q), ''].join(eol);
    fileEdits.push({ path: module, edits: [{ start: 0, end: 0, newText: created }], create: true, required: true });
  }
  // the factory: import the limiter, init_app it after the extensions it initialises already
  if (module !== factory) {
    const imp = ensureFromImport(ftext, froot, importPath(factory, module, froot), 'limiter', factory);
    if (imp) fedits.push(imp);
  }
  // after the app's configuration is loaded (init_app reads RATELIMIT_* settings) and the
  // extensions it initialises already, before the blueprints are registered
  const i = stmts.indexOf(made);
  let anchor = made;
  for (const st of stmts.slice(i + 1)) {
    if (/\bregister_blueprint\b/.test(st.text) || st.type === 'return_statement') break;
    // `if test_config is not None: app.config.update(test_config)`: configuration too
    const block = st.type === 'if_statement' && !st.namedChildren.some((c) => c.type === 'elif_clause' || c.type === 'else_clause') ? st.childForFieldName('consequence')?.namedChildren ?? [] : [];
    if (block.length && block.every((c) => c.type === 'expression_statement' && new RegExp(`^${a}\\.config\\b`).test(c.text))) {
      anchor = st;
      continue;
    }
    if (st.type !== 'expression_statement') continue;
    if (new RegExp(`^${a}\\.config\\b`).test(st.text) || new RegExp(`^\\w+\\.init_app\\(\\s*${a}\\s*\\)$`).test(st.text)) anchor = st;
  }
  const ind = indentAt(ftext, anchor.startIndex);
  const storage = configured ? `${eol}${ind}${appName.text}.config.setdefault(${q}RATELIMIT_STORAGE_URI${q}, ${appName.text}.config[${configured[1]}REDIS_URL${configured[1]}])` : '';
  fedits.push({ start: anchor.endIndex, end: anchor.endIndex, newText: `${storage}${eol}${ind}limiter.init_app(${appName.text})` });
  fileEdits.push({ path: factory, edits: mergeSamePoint(fedits) });
  return { module, factory, fileEdits };
}

/** `bp` imported from the module that makes it (`from app.auth import bp`, `bp = Blueprint(...)` there). */
function importedBlueprint(file: string, root: Node, local: string): { file: string; name: string } | null {
  for (const imp of root.namedChildren.filter((c) => c.type === 'import_from_statement')) {
    const mod = imp.childForFieldName('module_name')?.text;
    for (const n of imp.childrenForFieldName('name')) {
      const orig = n.type === 'aliased_import' ? n.childForFieldName('name')?.text : n.text;
      const as = n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : n.text;
      if (!mod || !orig || as !== local) continue;
      const target = findPythonModule(file, mod);
      const text = target ? readTextFile(target) : null;
      if (!target || text === null || !new RegExp(`^${orig}\\s*=\\s*(\\w+\\.)?Blueprint\\(`, 'm').test(text)) return null;
      return { file: target, name: orig };
    }
  }
  return null;
}

/**
 * How `from` imports the module file `target`: relative (`.extensions`, `..limiter`) when the file
 * imports its own package relatively or `target` is in its package or above; else the absolute
 * dotted name from the outermost package.
 */
function importPath(from: string, target: string, root: Node): string {
  const stem = path.basename(target, '.py');
  const tdir = path.dirname(target);
  let dir = path.dirname(from);
  let dots = 1;
  while (dir !== tdir && dir.startsWith(tdir) && fs.existsSync(path.join(dir, '__init__.py'))) {
    dir = path.dirname(dir);
    dots++;
  }
  const inPackage = dir === tdir && fs.existsSync(path.join(tdir, '__init__.py'));
  // a package's __init__.py is imported as the package (`from app import limiter`, `from .. import limiter`)
  const parts = stem === '__init__' ? [] : [stem];
  let up = tdir;
  while (fs.existsSync(path.join(up, '__init__.py'))) {
    parts.unshift(path.basename(up));
    up = path.dirname(up);
  }
  if (!parts.length) parts.push(stem);
  // absolute when the file imports its own top package that way (`from shop.models import ...`)
  const top = parts[0];
  const absolute = root.descendantsOfType('import_from_statement').some((i) => {
    const m = i.childForFieldName('module_name')?.text ?? '';
    return m === top || m.startsWith(`${top}.`);
  });
  return inPackage && !absolute ? `${'.'.repeat(dots)}${stem === '__init__' ? '' : stem}` : parts.join('.');
}

/**
 * A rate this module's other routes take from the project's settings for the same kind of
 * endpoint: `@limiter.limit(settings.THROTTLE_PASS_RESET_PATTERN)` for a `reset` one. Only names
 * (never literals) whose words hold the fragment.
 */
function fileRate(root: Node, limiter: string, fragment: string): string | null {
  for (const d of root.descendantsOfType('decorator')) {
    const call = d.namedChildren[0];
    if (call?.type !== 'call' || call.childForFieldName('function')?.text !== `${limiter}.limit`) continue;
    const arg = call.childForFieldName('arguments')?.namedChildren[0];
    if (!arg || (arg.type !== 'attribute' && arg.type !== 'identifier')) continue;
    if (arg.text.toLowerCase().split(/[^a-z0-9]+/).some((w) => w === fragment || (fragment === 'password' && w === 'pass'))) return arg.text;
  }
  return null;
}

/** Whether an import statement of the file binds `name` (`from ..extensions import limiter`). */
function importsName(root: Node, name: string): boolean {
  for (const imp of root.descendantsOfType('import_from_statement')) {
    for (const n of imp.childrenForFieldName('name')) {
      const local = n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : n.text;
      if (local === name) return true;
    }
  }
  return false;
}

/** The name of a module-level `x = Limiter(...)` of this file. */
function fileLimiter(root: Node): string | null {
  for (const stmt of root.namedChildren) {
    const a = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : null;
    if (a?.type !== 'assignment') continue;
    const r = a.childForFieldName('right');
    const l = a.childForFieldName('left');
    if (l?.type === 'identifier' && r?.type === 'call' && /(^|\.)Limiter$/.test(r.childForFieldName('function')?.text ?? '')) return l.text;
  }
  return null;
}

/** `app = Flask(__name__)` at module level. */
function flaskAppAssignment(root: Node): { name: string; stmt: Node } | null {
  return moduleAssignment(root, null, /(^|\.)Flask$/);
}

/** A module-level `<name> = <callee>(...)` (any name when `name` is null). */
function moduleAssignment(root: Node, name: string | null, callee: RegExp): { name: string; stmt: Node } | null {
  for (const stmt of root.namedChildren) {
    const a = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : null;
    if (a?.type !== 'assignment') continue;
    const r = a.childForFieldName('right');
    const l = a.childForFieldName('left');
    if (l?.type === 'identifier' && (name === null || l.text === name) && r?.type === 'call' && callee.test(r.childForFieldName('function')?.text ?? '')) return { name: l.text, stmt };
  }
  return null;
}

/** The dotted module name of a file under the project root (`app/extensions.py` -> `app.extensions`). */
function moduleName(root: string, file: string): string | null {
  const rel = path.relative(root, file).replace(/\\/g, '/');
  if (rel.startsWith('..') || !rel.endsWith('.py')) return null;
  const parts = rel.slice(0, -3).split('/');
  if (parts[parts.length - 1] === '__init__') parts.pop();
  if (!parts.length || parts.some((p) => !/^[A-Za-z_]\w*$/.test(p))) return null;
  return parts.join('.');
}

/** Import edits of several names may land at one point: keep them as one insertion, in order. */
function mergeSamePoint(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const same = out.find((o) => o.start === e.start && o.end === o.start && e.end === e.start);
    if (same) same.newText += e.newText;
    else out.push({ ...e });
  }
  return out;
}

void stringValue;
