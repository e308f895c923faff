/**
 * Python endpoint reader: DRF, plain Django and Flask endpoints of one file,
 * and the facts a file contributes to its project (DRF settings, Django
 * routes, flask-limiter instances).
 *
 *   DRF       `@api_view` functions (`@throttle_classes`), `APIView` / generic views /
 *             `ViewSet`s (`throttle_classes`, `throttle_scope`, inherited through the
 *             project's own base classes), their `@action`s; `router.register` and
 *             `path` / `re_path` routes; `REST_FRAMEWORK` in settings modules, split
 *             settings included (`settings/base.py` + `settings/production.py`).
 *   Django    function views (a `request` first parameter, in a views module or routed
 *             from a urls module) and class views (`django.views`, auth views);
 *             `@ratelimit`, `method_decorator(ratelimit(...))`, rate-limit middleware.
 *   Flask     `@app.route` / `@bp.post` on apps and blueprints (followed through
 *             imports), `add_url_rule`, `MethodView` and flask-restx resources; a
 *             `Limiter` made anywhere in the project with `default_limits`,
 *             `@limiter.limit`, `@limiter.exempt`.
 * A decorator counts as a limiter when it resolves to one of these libraries, is
 * named like one (`rate_limit`, `throttle`), or is a project function that counts
 * requests in a shared store (Redis `INCR` + `EXPIRE`).
 */
import * as path from 'node:path';
import type { Node } from '../python/tree';
import { findPythonModule, PyBindings, projectModule } from '../python/bindings';
import { parsePythonTree } from '../python/parser';
import { callArgs, keywordArg, positionalArgs, stringValue, parameterNames } from '../python/ast';
import { fresh, stableScanId } from '../snapshot';
import { countsRequests, FactsIndex, LIMITER_NAME, PROJECT_TTL_MS, PY_MARKERS, projectFiles, projectRoot, type Endpoint, type Limit } from './model';
import { sharedFacts } from '../shared-cost';

export interface PyEndpoint extends Endpoint {
  /** function_definition, class_definition, or the urls/add_url_rule call declaring it */
  node: Node;
  /** the class of a method or `@action` */
  cls: Node | null;
  /** a DRF class view or `@action`: its class may be given `throttle_classes` */
  drfKind?: 'function' | 'class' | 'action' | 'library';
}

// ---------------------------------------------------------------------------
// Project facts

export interface DrfSettings {
  file: string;
  /** DEFAULT_THROTTLE_CLASSES as written (empty list: explicitly none) */
  throttleClasses: string[] | null;
  /** DEFAULT_PERMISSION_CLASSES as written */
  permissionClasses?: string[] | null;
  rates: Record<string, string>;
  /** offsets of the REST_FRAMEWORK dict literal and of its DEFAULT_THROTTLE_RATES dict, for the fix */
  restFramework: { start: number; end: number } | null;
  ratesDict: { start: number; end: number } | null;
  /** BACKEND of CACHES["default"] */
  defaultCache: string | null;
  cachesDefined: boolean;
}

export interface PyFacts {
  drf: DrfSettings | null;
  /** a rate-limit middleware in MIDDLEWARE */
  middlewareLimiter: string | null;
  /** route path of each view name, from urls modules (`path`, `re_path`, `url`, `router.register`) */
  routes: Array<{ view: string; path: string }>;
  /** views wrapped in a limiter in the urls module: `path("login/", ratelimit(...)(views.login))` */
  limitedViews: string[];
  /** flask-limiter instances made in this file */
  limiters: Array<{ name: string; defaults: boolean; storage: string | null; start: number; end: number }>;
  /** RATELIMIT_DEFAULT in a Flask config module */
  flaskDefaultConfig: boolean;
  /** RATELIMIT_STORAGE_URI (or _URL) set in a Flask config module: limiters made without storage_uri read it */
  flaskStorageConfig: boolean;
  /** `app.register_blueprint(admin, url_prefix="/admin")`: the blueprint's defining file and name, and the prefix */
  blueprintPrefixes?: Array<{ key: string; prefix: string }>;
  /** Every blueprint this file registers (`<defining file>#<name>`), with a prefix or not. */
  blueprintsRegistered?: string[];
}

const SETTINGS_TEXT = /REST_FRAMEWORK|MIDDLEWARE|CACHES|urlpatterns|\.register\s*\(\s*r?["']|Limiter\s*\(|RATELIMIT_(DEFAULT|STORAGE)|register_blueprint\s*\(/;

const facts = new FactsIndex<PyFacts>(SETTINGS_TEXT, (file, text) => readFacts(file, text));

export interface PyProject {
  root: string;
  settings: DrfSettings[];
  /** the settings module a fix adds DRF rates to */
  settingsFile: string | null;
  middlewareLimiter: string | null;
  routes: Map<string, string[]>;
  limitedViews: Set<string>;
  limiters: Array<{ file: string; name: string; defaults: boolean; storage: string | null; start: number; end: number }>;
  flaskDefaults: boolean;
  flaskStorageConfig: boolean;
  /** URL prefixes blueprints are registered with, by `<defining file>#<name>` */
  blueprintPrefixes: Map<string, string>;
  /** `<defining file>#<blueprint>` -> the file that registers it on the app (an app factory's module). */
  blueprintRegistrars: Map<string, string>;
}

const projects = new Map<string, { at: number; value: PyProject }>();

/** The facts of the project a file belongs to, gathered from every Python file of it (kept a few seconds). */
export function pyProject(file: string): PyProject | null {
  if (!path.isAbsolute(file)) return null;
  const root = projectRoot(file, PY_MARKERS);
  const hit = projects.get(root);
  const now = Date.now();
  if (hit && fresh(hit.at, PROJECT_TTL_MS, now)) return hit.value;
  return sharedFacts(() => buildPyProject(root, now));
}

function buildPyProject(root: string, now: number): PyProject {
  const files = projectFiles(root, ['.py'], PY_MARKERS);
  const value: PyProject = { root, settings: [], settingsFile: null, middlewareLimiter: null, routes: new Map(), limitedViews: new Set(), limiters: [], flaskDefaults: false, flaskStorageConfig: false, blueprintPrefixes: new Map(), blueprintRegistrars: new Map() };
  let settingsGuess: string | null = null;
  // a module with a dot in its stem (`x.fixed.py`) cannot be imported: it is no part of the app
  for (const { file: f, facts: x } of facts.all(files.filter((f) => !path.basename(f, '.py').includes('.')))) {
    if (isTestPath(f)) continue;
    if (x.drf) value.settings.push(x.drf);
    if (x.middlewareLimiter) value.middlewareLimiter = x.middlewareLimiter;
    for (const r of x.routes) {
      const list = value.routes.get(r.view);
      if (list) list.push(r.path);
      else value.routes.set(r.view, [r.path]);
    }
    for (const v of x.limitedViews) value.limitedViews.add(v);
    for (const l of x.limiters) value.limiters.push({ file: f, ...l });
    if (x.flaskDefaultConfig) value.flaskDefaults = true;
    if (x.flaskStorageConfig) value.flaskStorageConfig = true;
    for (const bp of x.blueprintPrefixes ?? []) value.blueprintPrefixes.set(bp.key, bp.prefix);
    for (const key of x.blueprintsRegistered ?? []) if (!value.blueprintRegistrars.has(key)) value.blueprintRegistrars.set(key, f);
    if (!settingsGuess && /(^|[\\/])settings([\\/](base|common|__init__))?\.py$/.test(f) && x.drf) settingsGuess = f;
  }
  if (value.limiters.some((l) => l.defaults)) value.flaskDefaults = true;
  // the module that defines REST_FRAMEWORK (base settings before production overrides), else a settings.py
  const withRf = value.settings.filter((s) => s.restFramework);
  withRf.sort((a, b) => settingsRank(a.file) - settingsRank(b.file));
  value.settingsFile = withRf[0]?.file ?? settingsGuess ?? files.find((f) => /(^|[\\/])settings([\\/](base|common))?\.py$/.test(f)) ?? null;
  if (projects.size > 200) projects.clear();
  projects.set(root, { at: now, value });
  return value;
}

function settingsRank(f: string): number {
  if (/[\\/]settings[\\/](base|common)\.py$/.test(f)) return 0;
  if (/[\\/]settings\.py$/.test(f)) return 1;
  if (/(prod|production)\.py$/.test(f)) return 3;
  return 2;
}

function isTestPath(f: string): boolean {
  return /(^|[\\/])(tests?|testing)([\\/]|_)|(^|[\\/])(test_[^\\/]*|[^\\/]*_tests?|conftest)\.py$/.test(f) && !/[\\/]test\/rules[\\/]/.test(f);
}

/**
 * Whether the project's DRF views require an authenticated user unless they say otherwise:
 * `DEFAULT_PERMISSION_CLASSES` names a permission other than `AllowAny` (DRF's own default is AllowAny).
 */
export function drfDefaultAuthenticated(p: PyProject | null): boolean {
  if (!p) return false;
  return p.settings.some((s) => !!s.permissionClasses?.length && s.permissionClasses.every((c) => !/(^|\.)AllowAny$/.test(c)));
}

/**
 * What `permission_classes` (or `@permission_classes(...)`) says: an empty list or `AllowAny` is
 * public; any other class (DRF's, a package's, the project's own BasePermission) needs a user.
 */
function permissionsAuthenticate(value: Node): boolean | undefined {
  const items = sequenceItems(value);
  if (!items) return undefined;
  if (!items.length || items.some((i) => /(^|\.)AllowAny$/.test(i))) return false;
  return true;
}

/**
 * Decorators that let only a logged-in user through: Django's `login_required`,
 * `permission_required`, `staff_member_required`, `user_passes_test`; flask-login's
 * `login_required`, flask-jwt-extended's `jwt_required`; project guards named the same way
 * (`token_required`, CTFd's `authed_only` / `admins_only`). `require_POST` and `csrf_exempt` are not.
 */
const AUTH_DECORATOR = /^(\w+_required|user_passes_test|authed_only|admins?_only|authenticated_only|auth_only|requires_auth|require_login|require_auth|authenticated|login_user_required|require_(admin|super_?admin|permissions?|access|user|login_or_token|api_key|role|roles|staff))$/;

function authDecorator(d: Node): boolean {
  const target = d.type === 'call' ? d.childForFieldName('function') : d;
  if (!target) return false;
  const name = target.text.slice(target.text.lastIndexOf('.') + 1);
  // method_decorator(login_required, name="dispatch")
  if (name === 'method_decorator' && d.type === 'call') {
    const first = positionalArgs(d)[0];
    return !!first && authDecorator(first);
  }
  return AUTH_DECORATOR.test(name) && !/^(captcha|csrf|https|ssl|secure|json|ajax)_required$/.test(name);
}

/** Django class-view mixins that redirect or refuse an anonymous user. */
const AUTH_MIXIN = /(^|\.)(LoginRequired|PermissionRequired|UserPassesTest|StaffRequired|SuperuserRequired|StaffuserRequired|GroupRequired)Mixin$/;

/** DRF throttles apply to every DRF view of the project (unless a view says otherwise). */
export function drfDefaultThrottles(p: PyProject | null): string[] {
  if (!p) return [];
  const out: string[] = [];
  for (const s of p.settings) if (s.throttleClasses?.length) out.push(...s.throttleClasses);
  return out;
}

/**
 * `app.register_blueprint(admin, url_prefix="/admin")` anywhere in the file (app factories
 * register inside `create_app`), with the blueprint traced to the module that defines it through
 * the file's `from ... import admin` (module level or in the function): `<file>#admin` -> `/admin`.
 */
function blueprintPrefixes(root: Node, file: string, registered: string[] = []): Array<{ key: string; prefix: string }> {
  const out: Array<{ key: string; prefix: string }> = [];
  const imported = new Map<string, string>();
  const stack: Node[] = [root];
  const calls: Node[] = [];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'import_from_statement') {
      const mod = n.childForFieldName('module_name')?.text;
      for (const name of n.childrenForFieldName('name')) {
        const local = name.type === 'aliased_import' ? name.childForFieldName('alias')?.text : name.text;
        const orig = name.type === 'aliased_import' ? name.childForFieldName('name')?.text : name.text;
        if (mod && local && orig) imported.set(local, `${mod}\u0000${orig}`);
      }
      continue;
    }
    if (n.type === 'call' && /(^|\.)register_blueprint$/.test(n.childForFieldName('function')?.text ?? '')) calls.push(n);
    for (const c of n.namedChildren) stack.push(c);
  }
  for (const call of calls) {
    const bp = positionalArgs(call)[0];
    const prefix = stringValue(keywordArg(call, 'url_prefix'));
    let key: string | null = null;
    if (bp?.type === 'identifier') {
      const from = imported.get(bp.text);
      key = `${file}#${bp.text}`;
      if (from) {
        const [mod, orig] = from.split('\u0000');
        const target = findPythonModule(file, mod);
        key = target ? `${target}#${orig}` : null;
      }
    } else if (bp?.type === 'attribute' && bp.childForFieldName('object')?.type === 'identifier') {
      // `from . import auth` ... `app.register_blueprint(auth.bp)`: the module's blueprint
      const from = imported.get(bp.childForFieldName('object')!.text);
      const attr = bp.childForFieldName('attribute')?.text;
      if (from && attr) {
        const [mod, orig] = from.split('\u0000');
        const target = findPythonModule(file, mod.endsWith('.') ? `${mod}${orig}` : `${mod}.${orig}`);
        key = target ? `${target}#${attr}` : null;
      }
    }
    if (!key) continue;
    registered.push(key);
    if (prefix) out.push({ key, prefix });
  }
  return out;
}

/** `/admin` + `/backfill` -> `/admin/backfill`, as Flask joins them. */
function joinPrefix(prefix: string, rule: string): string {
  return `${prefix.replace(/\/+$/, '')}/${rule.replace(/^\/+/, '')}`;
}

export function readFacts(file: string, text: string): PyFacts | null {
  const root = parsePythonTree(text);
  const b = new PyBindings(root, file);
  const out: PyFacts = { drf: null, middlewareLimiter: null, routes: [], limitedViews: [], limiters: [], flaskDefaultConfig: false, flaskStorageConfig: /RATELIMIT_STORAGE_UR[IL]/.test(text) };
  if (/register_blueprint\s*\(/.test(text)) {
    out.blueprintsRegistered = [];
    out.blueprintPrefixes = blueprintPrefixes(root, file, out.blueprintsRegistered);
  }
  const drf: DrfSettings = { file, throttleClasses: null, rates: {}, restFramework: null, ratesDict: null, defaultCache: null, cachesDefined: false };
  let drfSeen = false;
  const readRf = (dict: Node): void => {
    drfSeen = true;
    for (const pair of dict.namedChildren) {
      if (pair.type !== 'pair') continue;
      const key = stringValue(pair.childForFieldName('key'));
      const value = pair.childForFieldName('value');
      if (!value) continue;
      if (key === 'DEFAULT_THROTTLE_CLASSES') drf.throttleClasses = sequenceItems(value);
      if (key === 'DEFAULT_PERMISSION_CLASSES') drf.permissionClasses = sequenceItems(value);
      if (key === 'DEFAULT_THROTTLE_RATES' && value.type === 'dictionary') {
        drf.ratesDict = { start: value.startIndex, end: value.endIndex };
        for (const p of value.namedChildren) {
          if (p.type !== 'pair') continue;
          const k = stringValue(p.childForFieldName('key'));
          if (k) drf.rates[k] = p.childForFieldName('value')?.text ?? '';
        }
      }
    }
  };
  for (const stmt of root.namedChildren) {
    const expr = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : null;
    if (!expr) continue;
    if (expr.type === 'assignment') {
      const left = expr.childForFieldName('left');
      const right = expr.childForFieldName('right');
      if (!left || !right) continue;
      const name = left.text;
      if (name === 'REST_FRAMEWORK' && right.type === 'dictionary') {
        drf.restFramework = { start: right.startIndex, end: right.endIndex };
        readRf(right);
      } else if (/^REST_FRAMEWORK\[\s*["']DEFAULT_THROTTLE_CLASSES["']\s*\]$/.test(name)) {
        drfSeen = true;
        drf.throttleClasses = sequenceItems(right);
      } else if (name === 'MIDDLEWARE' || name === 'MIDDLEWARE_CLASSES') {
        const items = sequenceItems(right) ?? [];
        out.middlewareLimiter = items.find((i) => LIMITER_NAME.test(i)) ?? null;
      } else if (name === 'CACHES' && right.type !== 'dictionary') {
        // CACHES = _parse_caches(): configured, backend unknown (not taken for LocMem)
        drf.cachesDefined = true;
        drfSeen = true;
      } else if (name === 'CACHES' && right.type === 'dictionary') {
        drf.cachesDefined = true;
        drfSeen = true;
        for (const pair of right.namedChildren) {
          if (pair.type !== 'pair' || stringValue(pair.childForFieldName('key')) !== 'default') continue;
          const v = pair.childForFieldName('value');
          for (const p of v?.type === 'dictionary' ? v.namedChildren : []) {
            if (p.type === 'pair' && stringValue(p.childForFieldName('key')) === 'BACKEND') drf.defaultCache = stringValue(p.childForFieldName('value'));
          }
        }
      } else if (name === 'RATELIMIT_DEFAULT') {
        out.flaskDefaultConfig = true;
      } else if (right.type === 'call') {
        const limiter = limiterConstruction(right, b);
        if (limiter && left.type === 'identifier') out.limiters.push({ name: left.text, ...limiter, start: right.startIndex, end: right.endIndex });
      }
      if (name === 'urlpatterns' || name.startsWith('urlpatterns')) readRoutes(right, b, out);
    } else if (expr.type === 'augmented_assignment' && expr.childForFieldName('left')?.text === 'urlpatterns') {
      readRoutes(expr.childForFieldName('right'), b, out);
    } else if (expr.type === 'call') {
      const fn = expr.childForFieldName('function');
      // REST_FRAMEWORK.update({...}); router.register("auth", AuthViewSet)
      if (fn?.type === 'attribute' && fn.childForFieldName('object')?.text === 'REST_FRAMEWORK' && fn.childForFieldName('attribute')?.text === 'update') {
        const d = positionalArgs(expr)[0];
        if (d?.type === 'dictionary') readRf(d);
      } else if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'register') {
        const [prefix, view] = positionalArgs(expr);
        const p = stringValue(prefix);
        const v = view ? viewKey(view) : null;
        if (p !== null && v) out.routes.push({ view: v, path: p });
      }
    }
  }
  if (drfSeen) out.drf = drf;
  if (!out.drf && !out.middlewareLimiter && !out.routes.length && !out.limiters.length && !out.flaskDefaultConfig && !out.flaskStorageConfig && !out.blueprintPrefixes?.length && !out.blueprintsRegistered?.length) return null;
  return out;
}

/** `Limiter(...)` of flask-limiter (or a project name that says limiter): whether it has defaults, and its storage. */
function limiterConstruction(call: Node, b: PyBindings): { defaults: boolean; storage: string | null } | null {
  const q = b.resolve(call.childForFieldName('function'));
  if (!q || !/^flask_limiter(\.extension)?\.Limiter$/.test(q)) return null;
  const defaults = ['default_limits', 'application_limits'].some((k) => {
    const v = keywordArg(call, k);
    return !!v && !(v.type === 'list' && v.namedChildCount === 0);
  });
  const s = keywordArg(call, 'storage_uri');
  return { defaults, storage: s ? (stringValue(s) ?? s.text) : null };
}

function readRoutes(list: Node | null, b: PyBindings, out: PyFacts): void {
  if (!list) return;
  for (const call of list.type === 'call' ? [list] : list.descendantsOfType('call')) {
    const fn = call.childForFieldName('function');
    const name = fn?.type === 'identifier' ? fn.text : fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : null;
    if (name !== 'path' && name !== 're_path' && name !== 'url') continue;
    const [route, view] = positionalArgs(call);
    const p = stringValue(route);
    if (p === null || !view) continue;
    const wrapped = limitedWrapper(view, b);
    const key = viewKey(wrapped ?? view);
    if (!key) continue;
    out.routes.push({ view: key, path: p });
    if (wrapped) out.limitedViews.push(key);
  }
}

/** `ratelimit(key="ip")(views.login)`: the wrapped view, when the wrapper is a limiter. */
function limitedWrapper(view: Node, b: PyBindings): Node | null {
  if (view.type !== 'call') return null;
  const fn = view.childForFieldName('function');
  if (fn?.type !== 'call') return null;
  if (!isLimiterDecorator(fn, b)) return null;
  return positionalArgs(view)[0] ?? null;
}

/** The name a view is known by in routes: `views.login` -> login, `LoginView.as_view()` -> LoginView. */
export function viewKey(view: Node): string | null {
  let v = view;
  if (v.type === 'call') {
    const fn = v.childForFieldName('function');
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'as_view') v = fn.childForFieldName('object')!;
    else return null;
  }
  if (v.type === 'identifier') return v.text;
  if (v.type === 'attribute') return v.childForFieldName('attribute')?.text ?? null;
  return null;
}

function sequenceItems(node: Node): string[] | null {
  if (node.type !== 'list' && node.type !== 'tuple') return null;
  return node.namedChildren.filter((c) => c.type !== 'comment').map((c) => stringValue(c) ?? c.text);
}

// ---------------------------------------------------------------------------
// Limiters

const LIMITER_QNAME = /^(django_ratelimit|ratelimit)\.decorators\.ratelimit$|^rest_framework\.decorators\.throttle_classes$|^flask_limiter\b/;

/** A decorator (or its call) that limits the rate: a known library, a limiter name, or a project function that counts requests. */
export function isLimiterDecorator(expr: Node, b: PyBindings): boolean {
  const target = expr.type === 'call' ? expr.childForFieldName('function') : expr;
  if (!target) return false;
  if (target.type === 'call') return isLimiterDecorator(target, b); // ratelimit(...)(view)
  // method_decorator(ratelimit(...), name="post")
  if (expr.type === 'call' && /(^|\.)method_decorator$/.test(target.text)) {
    const inner = positionalArgs(expr)[0];
    if (!inner) return false;
    if (inner.type === 'list' || inner.type === 'tuple') return inner.namedChildren.some((c) => isLimiterDecorator(c, b));
    return isLimiterDecorator(inner, b);
  }
  const q = b.resolve(target);
  if (q && LIMITER_QNAME.test(q)) return true;
  // limiter.limit(...), limiter.shared_limit(...) on a flask-limiter instance
  if (target.type === 'attribute') {
    const attr = target.childForFieldName('attribute')?.text ?? '';
    if ((attr === 'limit' || attr === 'shared_limit') && (q?.startsWith('flask_limiter') || LIMITER_NAME.test(target.childForFieldName('object')?.text ?? ''))) return true;
  }
  if (LIMITER_NAME.test(target.text)) return true;
  return projectFunctionCounts(target, b);
}

/** `@protect` where `protect` is a function of this project whose body counts requests (Redis INCR + EXPIRE, a 429). */
function projectFunctionCounts(target: Node, b: PyBindings): boolean {
  if (target.type !== 'identifier') return false;
  const local = moduleLevel(b.root, target.text, 'function_definition');
  if (local) return countsRequests(local.text);
  const from = b.importOf(target.text);
  if (!from) return false;
  const mod = projectModule(b.filePath, from.module);
  const fn = mod ? moduleLevel(mod.root, from.name, 'function_definition') : null;
  return !!fn && countsRequests(fn.text);
}

function isExemptDecorator(expr: Node): boolean {
  return expr.type === 'attribute' && expr.childForFieldName('attribute')?.text === 'exempt' && LIMITER_NAME.test(expr.childForFieldName('object')?.text ?? '');
}

export function moduleLevel(root: Node, name: string, type: string): Node | null {
  for (const stmt of root.namedChildren) {
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (def?.type === type && def.childForFieldName('name')?.text === name) return def;
  }
  return null;
}

function decoratorsOf(def: Node): Node[] {
  const p = def.parent;
  if (p?.type !== 'decorated_definition') return [];
  return p.namedChildren.filter((c) => c.type === 'decorator').map((d) => d.namedChildren[0]).filter((x): x is Node => !!x);
}

// ---------------------------------------------------------------------------
// Classes (DRF / Django / Flask views), through the project's own base classes

interface ClassInfo {
  kind: 'drf' | 'django' | 'flask' | null;
  methods: Set<string>;
  /** throttle_classes / throttle_scope / decorators limit, from the class or a base */
  limit: Limit | null;
  /** `throttle_classes = []` */
  noThrottle: boolean;
  /** `permission_classes = [IsAdminUser]` */
  adminOnly?: boolean;
  /** what permission_classes, an auth mixin or an auth decorator says (undefined: nothing) */
  authenticated?: boolean;
  library: string | null;
}

const VIEW_METHODS: Record<string, string> = {
  post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', create: 'POST', update: 'PUT', partial_update: 'PATCH', destroy: 'DELETE', get: 'GET', list: 'GET', retrieve: 'GET',
};

const MUTATING_VIEW_METHODS = new Set(['post', 'put', 'patch', 'create', 'update', 'partial_update']);

function methodsOfLibraryBase(q: string): string[] {
  const name = q.slice(q.lastIndexOf('.') + 1);
  const out: string[] = [];
  if (/ReadOnly/.test(name)) return ['GET'];
  if (/Create|Obtain|Login|Logout|Password|Signup|Register|Form|Upload|Token|Refresh|Verify/.test(name)) out.push('POST');
  if (/Update/.test(name)) out.push('PUT', 'PATCH');
  if (/Destroy|Delete/.test(name)) out.push('DELETE');
  if (/^ModelViewSet$/.test(name)) out.push('POST', 'PUT', 'PATCH', 'DELETE');
  return out;
}

export function classInfo(cls: Node, b: PyBindings, depth = 0): ClassInfo {
  const info: ClassInfo = { kind: null, methods: new Set(), limit: null, noThrottle: false, library: null };
  if (depth > 4) return info;
  const body = cls.childForFieldName('body');
  let mutating = 0;
  let guardedMutating = 0;
  for (const stmt of body?.namedChildren ?? []) {
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (def?.type === 'function_definition') {
      const n = def.childForFieldName('name')?.text ?? '';
      if (VIEW_METHODS[n]) info.methods.add(VIEW_METHODS[n]);
      if (n === 'get_throttles') info.limit ??= { kind: 'class', by: 'get_throttles()' };
      if (n === 'dispatch' && decoratorsOf(def).some(authDecorator)) info.authenticated ??= true;
      // a Flask Resource / MethodView guards each method: `@authed_only def post(self)`
      if (MUTATING_VIEW_METHODS.has(n)) {
        mutating++;
        if (decoratorsOf(def).some(authDecorator)) guardedMutating++;
      }
      // method_decorator(ratelimit(...)) on dispatch/post
      if (decoratorsOf(def).some((d) => isLimiterDecorator(d, b)) && (n === 'dispatch' || VIEW_METHODS[n])) info.limit ??= { kind: 'decorator', by: `${n} decorator` };
    } else if (def?.type === 'expression_statement') {
      const a = def.namedChildren[0];
      if (a?.type !== 'assignment') continue;
      const l = a.childForFieldName('left')?.text;
      const r = a.childForFieldName('right');
      if (!r) continue;
      if (l === 'throttle_classes') {
        const items = sequenceItems(r);
        if (items && !items.length) info.noThrottle = true;
        else info.limit ??= { kind: 'class', by: r.text, scoped: !items || items.some((i) => /Scoped|Login|Auth|Burst|Sustained|Password|Otp/i.test(i) || !/^(Anon|User)RateThrottle$/.test(i.replace(/^.*\./, ''))) };
      } else if (l === 'permission_classes') {
        if (/IsAdminUser|IsSuperUser|IsStaff/.test(r.text)) info.adminOnly = true;
        info.authenticated ??= permissionsAuthenticate(r);
      } else if (l === 'throttle_scope') {
        info.limit ??= { kind: 'class', by: `throttle_scope = ${r.text}`, scoped: true };
      } else if (l === 'decorators' && (r.type === 'list' || r.type === 'tuple')) {
        // flask-restful / MethodView `decorators = [...]` wrap every method: a limiter limits them, a login guard guards them
        if (r.namedChildren.some((c) => isLimiterDecorator(c, b))) info.limit ??= { kind: 'class', by: r.text };
        if (r.namedChildren.some(authDecorator)) info.authenticated ??= true;
      }
    }
  }
  for (const d of decoratorsOf(cls)) if (isLimiterDecorator(d, b)) info.limit ??= { kind: 'decorator', by: d.text };
  if (decoratorsOf(cls).some(authDecorator)) info.authenticated ??= true;
  // every method a script could abuse (the mutating ones) requires a user
  if (mutating > 0 && guardedMutating === mutating) info.authenticated ??= true;
  for (const base of cls.childForFieldName('superclasses')?.namedChildren ?? []) {
    if (base.type === 'keyword_argument') continue;
    if (AUTH_MIXIN.test(base.text)) info.authenticated ??= true;
    const inherited = baseInfo(base, b, depth);
    if (!inherited) continue;
    info.kind ??= inherited.kind;
    info.library ??= inherited.library;
    for (const m of inherited.methods) info.methods.add(m);
    if (inherited.adminOnly) info.adminOnly = true;
    info.authenticated ??= inherited.authenticated;
    if (!info.limit && !info.noThrottle) {
      info.limit = inherited.limit;
      info.noThrottle = inherited.noThrottle;
    }
    if (LIMITER_NAME.test(base.text)) info.limit ??= { kind: 'class', by: base.text };
  }
  return info;
}

/** ClassInfo of project base classes by (module file, class name, depth) during a stable scan; null: no such class there. */
const importedBases = new Map<string, ClassInfo | null>();
let basesScan = 0;

/** The memo of the scan under way (emptied when another scan began since it was filled). */
function basesMemo(): Map<string, ClassInfo | null> {
  const id = stableScanId();
  if (id !== basesScan) {
    importedBases.clear();
    basesScan = id;
  }
  if (importedBases.size > 20_000) importedBases.clear();
  return importedBases;
}

function baseInfo(base: Node, b: PyBindings, depth: number): ClassInfo | null {
  // GenericAPIView[Any]: the generic class itself
  if (base.type === 'subscript' && base.childForFieldName('value')) base = base.childForFieldName('value')!;
  if (base.type === 'identifier') {
    const local = moduleLevel(b.root, base.text, 'class_definition');
    if (local) return classInfo(local, b, depth + 1);
    const from = b.importOf(base.text);
    if (from) {
      // a base class of a project module is read once per scan, not once per file deriving from it
      const file = stableScanId() && b.filePath ? findPythonModule(b.filePath, from.module) : null;
      const key = file ? `${file}\0${from.name}\0${depth}` : null;
      const known = key ? basesMemo().get(key) : undefined;
      if (known) return known;
      if (known === undefined) {
        const mod = projectModule(b.filePath, from.module);
        const cls = mod ? moduleLevel(mod.root, from.name, 'class_definition') : null;
        const info = cls && mod ? classInfo(cls, mod, depth + 1) : null;
        if (key) basesMemo().set(key, info);
        if (info) return info;
      }
    }
  }
  const q = b.resolve(base);
  if (!q) return null;
  const info: ClassInfo = { kind: null, methods: new Set(methodsOfLibraryBase(q)), limit: null, noThrottle: false, library: q };
  // views only: a serializer or a throttle class of these packages is no endpoint
  if (/^(rest_framework|rest_framework_simplejwt|dj_rest_auth|knox)\b/.test(q) && /\.(views|viewsets|generics|mixins|decorators)\./.test(q)) info.kind = 'drf';
  else if (q.startsWith('django.')) info.kind = /\.(View|TemplateView|RedirectView|ListView|DetailView)$/.test(q) ? (q.includes('.views') ? 'django' : null) : q.includes('views') ? 'django' : null;
  else if (q.startsWith('flask.views.') || q.startsWith('flask_restx.') || q.startsWith('flask_restful.') || q.startsWith('flask_smorest.')) info.kind = 'flask';
  if (info.kind === 'django' && /Form|Create|Update|Delete|Login|Password/.test(q)) info.methods.add('POST');
  return info;
}

// ---------------------------------------------------------------------------
// Endpoints of one file

const FLASK_ROUTE = new Set(['route', 'get', 'post', 'put', 'patch', 'delete']);

/** Whether a decorator receiver is a Flask app or blueprint (or a flask-restx namespace / api). */
function isFlaskReceiver(obj: Node, b: PyBindings, fileUsesFlask: boolean): boolean {
  const q = b.resolve(obj);
  if (q) return /^(flask\.(Flask|Blueprint)|flask_restx\.(Namespace|Api)|flask_restful\.Api|flask_smorest\.(Blueprint|Api)|apiflask\.\w+)\(\)/.test(q) || /(^|\.)(Blueprint|Flask)\(\)$/.test(q);
  return fileUsesFlask && /^(app|application|api|bp|blueprint|\w+_(bp|blueprint|blueprints|namespace|ns|api)|\w+_?bp)$/.test(obj.text);
}

/** The prefix the blueprint `obj` is registered with: defined in this file, or imported into it (`from . import admin`). */
function registeredPrefix(obj: Node, fn: Node, file: string, project: PyProject | null): string | null {
  if (!project?.blueprintPrefixes.size) return null;
  const own = project.blueprintPrefixes.get(`${file}#${obj.text}`);
  if (own) return own;
  let root: Node = fn;
  while (root.parent) root = root.parent;
  for (const stmt of root.namedChildren) {
    if (stmt.type !== 'import_from_statement') continue;
    const mod = stmt.childForFieldName('module_name')?.text;
    for (const name of stmt.childrenForFieldName('name')) {
      const local = name.type === 'aliased_import' ? name.childForFieldName('alias')?.text : name.text;
      if (!mod || local !== obj.text) continue;
      const orig = name.type === 'aliased_import' ? name.childForFieldName('name')?.text : name.text;
      // `from . import admin` names the package's own module `admin`, or its attribute `admin`
      const target = findPythonModule(file, mod);
      const hit = target ? project.blueprintPrefixes.get(`${target}#${orig}`) : undefined;
      if (hit) return hit;
    }
  }
  return null;
}

/** `admin = Blueprint("admin", __name__, url_prefix="/admin")` at the module level of the route's file. */
function blueprintPrefix(obj: Node, fn: Node): string | null {
  let root: Node = fn;
  while (root.parent) root = root.parent;
  for (const stmt of root.namedChildren) {
    const a = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : null;
    if (a?.type !== 'assignment' || a.childForFieldName('left')?.text !== obj.text) continue;
    const right = a.childForFieldName('right');
    if (right?.type !== 'call' || !/(^|\.)Blueprint$/.test(right.childForFieldName('function')?.text ?? '')) continue;
    return stringValue(keywordArg(right, 'url_prefix'));
  }
  return null;
}

function stringList(node: Node | null): string[] | null {
  if (!node || (node.type !== 'list' && node.type !== 'tuple' && node.type !== 'set')) return null;
  return node.namedChildren.map((c) => (stringValue(c) ?? '').toUpperCase()).filter(Boolean);
}

/**
 * `interesting(names)` lets a caller skip definitions cheaply before any resolution: it gets the
 * names an endpoint of the definition could be known by (its name, its routes, the strings of its
 * decorators and, for a class, its methods' names and decorator strings).
 */
export function pythonEndpoints(root: Node, b: PyBindings, file: string, project: PyProject | null, interesting: (names: string[]) => boolean = () => true): PyEndpoint[] {
  const out: PyEndpoint[] = [];
  const usesFlask = /\bflask/.test(root.text.slice(0, 20_000)) || /\bflask/.test(root.text);
  const inViewsModule = /(^|[\\/])(views?|api|endpoints?)([\\/]|\.py$)|views?\.py$/.test(file);
  const routes = project?.routes ?? new Map<string, string[]>();
  const defs: Node[] = [];
  for (const stmt of root.namedChildren) {
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (def) defs.push(def);
    // if-guarded / try-guarded definitions are rare for views; module level is where frameworks look
  }
  for (const def of defs) {
    if (def.type !== 'expression_statement' && !interesting(candidateNames(def, routes))) continue;
    if (def.type === 'function_definition') functionEndpoint(def, b, file, usesFlask, inViewsModule, routes, project, out);
    else if (def.type === 'class_definition') classEndpoints(def, b, file, usesFlask, routes, project, out);
    else if (def.type === 'expression_statement') addUrlRule(def.namedChildren[0], b, file, usesFlask, root, out);
  }
  return out;
}

const STRINGS = /["']([^"'\n]{1,200})["']/g;

function candidateNames(def: Node, routes: Map<string, string[]>): string[] {
  const name = def.childForFieldName('name')?.text ?? '';
  const out = [name, ...(routes.get(name) ?? [])];
  const decoText = (d: Node): void => {
    const p = d.parent;
    if (p?.type !== 'decorated_definition') return;
    for (const c of p.namedChildren) if (c.type === 'decorator') for (const m of c.text.matchAll(STRINGS)) out.push(m[1]);
  };
  decoText(def);
  if (def.type === 'class_definition') {
    for (const stmt of def.childForFieldName('body')?.namedChildren ?? []) {
      const fn = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : null;
      if (fn?.type !== 'function_definition') continue;
      out.push(fn.childForFieldName('name')?.text ?? '');
      decoText(fn);
    }
  }
  return out;
}

function functionEndpoint(fn: Node, b: PyBindings, file: string, usesFlask: boolean, inViewsModule: boolean, routes: Map<string, string[]>, project: PyProject | null, out: PyEndpoint[]): void {
  const name = fn.childForFieldName('name');
  if (!name) return;
  const decos = decoratorsOf(fn);
  const limits: Limit[] = [];
  let exempt = false;
  let framework: PyEndpoint['framework'] | null = null;
  let methods: string[] = [];
  const paths: string[] = [];
  for (const d of decos) {
    const call = d.type === 'call' ? d : null;
    const target = call ? call.childForFieldName('function') : d;
    if (!target) continue;
    if (isExemptDecorator(d)) exempt = true;
    else if (isLimiterDecorator(d, b)) limits.push({ kind: 'decorator', by: d.text, scoped: true });
    const q = b.resolve(target);
    if (q === 'rest_framework.decorators.api_view' || (!q && /(^|\.)api_view$/.test(target.text))) {
      framework = 'drf';
      methods = (call && stringList(positionalArgs(call)[0] ?? keywordArg(call, 'http_method_names'))) ?? ['GET'];
    } else if (call && target.type === 'attribute' && FLASK_ROUTE.has(target.childForFieldName('attribute')?.text ?? '')) {
      const obj = target.childForFieldName('object');
      if (!obj || !isFlaskReceiver(obj, b, usesFlask)) continue;
      framework = 'flask';
      const verb = target.childForFieldName('attribute')!.text;
      const p = stringValue(positionalArgs(call)[0] ?? keywordArg(call, 'rule'));
      // the blueprint's own url_prefix, else the one it is registered with
      const prefix = obj.type === 'identifier' ? (blueprintPrefix(obj, fn) ?? registeredPrefix(obj, fn, file, project)) : null;
      if (p !== null) paths.push(prefix ? joinPrefix(prefix, p) : p);
      const ms = verb === 'route' ? (stringList(keywordArg(call, 'methods')) ?? ['GET']) : [verb.toUpperCase()];
      methods.push(...ms);
    } else if (q && /^django\.views\.decorators\.http\.(require_POST|require_http_methods|require_GET|require_safe)$/.test(q)) {
      const which = q.slice(q.lastIndexOf('.') + 1);
      methods = which === 'require_POST' ? ['POST'] : which === 'require_http_methods' ? (call && stringList(positionalArgs(call)[0])) ?? ['*'] : ['GET'];
    }
  }
  const key = name.text;
  let authenticated: boolean | undefined = decos.some(authDecorator) ? true : undefined;
  const perm = decos.find((d) => d.type === 'call' && /(^|\.)permission_classes$/.test(d.childForFieldName('function')?.text ?? ''));
  if (perm) authenticated ??= permissionsAuthenticate(positionalArgs(perm)[0] ?? perm);
  if (!framework) {
    // a plain Django function view: `request` first, in a views module or routed from urls
    const params = parameterNames(fn);
    if (params[0] !== 'request' || (!inViewsModule && !routes.has(key))) return;
    framework = 'django';
    if (!methods.length) methods = ['*'];
  }
  if (framework !== 'flask') paths.push(...(routes.get(key) ?? []));
  if (project?.limitedViews.has(key)) limits.push({ kind: 'decorator', by: 'wrapped in the urls module' });
  out.push({ framework, file, methods: [...new Set(methods)], paths, handler: key, start: name.startIndex, end: name.endIndex, chain: decos.map((d) => d.text), limits, exempt, authenticated, node: fn, cls: null, drfKind: framework === 'drf' ? 'function' : undefined });
}

function classEndpoints(cls: Node, b: PyBindings, file: string, usesFlask: boolean, routes: Map<string, string[]>, project: PyProject | null, out: PyEndpoint[]): void {
  const name = cls.childForFieldName('name');
  if (!name) return;
  const info = classInfo(cls, b);
  const decos = decoratorsOf(cls);
  const paths = [...(routes.get(name.text) ?? [])];
  let framework = info.kind;
  // flask-restx / flask-smorest: @ns.route("/login") on a Resource class
  for (const d of decos) {
    const t = d.type === 'call' ? d.childForFieldName('function') : null;
    if (t?.type === 'attribute' && t.childForFieldName('attribute')?.text === 'route' && isFlaskReceiver(t.childForFieldName('object')!, b, usesFlask)) {
      framework = 'flask';
      const p = stringValue(positionalArgs(d)[0]);
      if (p !== null) paths.push(p);
    }
  }
  if (!framework) return;
  const limits: Limit[] = info.limit ? [info.limit] : [];
  if (project?.limitedViews.has(name.text)) limits.push({ kind: 'decorator', by: 'wrapped in the urls module' });
  const exempt = decos.some(isExemptDecorator);
  const chain = decos.map((d) => d.text);
  if (info.adminOnly) chain.push('IsAdminUser');
  const base: Omit<PyEndpoint, 'methods' | 'paths' | 'handler' | 'start' | 'end' | 'node' | 'limits'> = { framework, file, chain, exempt, cls, authenticated: info.authenticated, drfKind: framework === 'drf' ? 'class' : undefined };
  const viewMethods = [...info.methods];
  if (viewMethods.length) {
    // `throttle_classes = []` opts the view out of the project's default throttles too
    out.push({ ...base, exempt: exempt || info.noThrottle, methods: viewMethods, paths, handler: name.text, start: name.startIndex, end: name.endIndex, node: cls, limits: info.noThrottle ? [] : limits });
  }
  if (framework !== 'drf') return;
  // @action methods of a ViewSet: endpoints of their own
  for (const stmt of cls.childForFieldName('body')?.namedChildren ?? []) {
    if (stmt.type !== 'decorated_definition') continue;
    const fn = stmt.childForFieldName('definition');
    if (fn?.type !== 'function_definition') continue;
    const action = decoratorsOf(fn).find((d) => d.type === 'call' && /(^|\.)(action|detail_route|list_route)$/.test(d.childForFieldName('function')?.text ?? ''));
    if (!action) continue;
    const fname = fn.childForFieldName('name')!;
    const urlPath = stringValue(keywordArg(action, 'url_path'));
    const own = keywordArg(action, 'throttle_classes');
    const actionLimits: Limit[] = [];
    let none = info.noThrottle;
    if (own) {
      const items = sequenceItems(own);
      if (items && !items.length) none = true;
      else actionLimits.push({ kind: 'class', by: `throttle_classes=${own.text}`, scoped: true });
    }
    for (const d of decoratorsOf(fn)) if (d !== action && isLimiterDecorator(d, b)) actionLimits.push({ kind: 'decorator', by: d.text, scoped: true });
    const actionPerm = keywordArg(action, 'permission_classes');
    const actionAuth = (actionPerm ? permissionsAuthenticate(actionPerm) : undefined) ?? (decoratorsOf(fn).some(authDecorator) ? true : undefined) ?? info.authenticated;
    const scope = keywordArg(action, 'throttle_scope');
    if (scope) actionLimits.push({ kind: 'class', by: `throttle_scope=${scope.text}`, scoped: true });
    const all = actionLimits.length ? actionLimits : none ? [] : limits;
    out.push({
      ...base,
      drfKind: 'action',
      methods: stringList(keywordArg(action, 'methods')) ?? ['GET'],
      paths: [...paths.map((p) => `${p}/${urlPath ?? fname.text}`), urlPath ?? fname.text],
      handler: `${name.text}.${fname.text}`,
      start: fname.startIndex,
      end: fname.endIndex,
      node: fn,
      limits: all,
      authenticated: actionAuth,
      exempt: exempt || (none && !actionLimits.length),
    });
  }
}

/** `app.add_url_rule("/login", view_func=login, methods=["POST"])` whose view is not defined in this file. */
function addUrlRule(expr: Node | undefined, b: PyBindings, file: string, usesFlask: boolean, root: Node, out: PyEndpoint[]): void {
  if (expr?.type !== 'call') return;
  const fn = expr.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'add_url_rule') return;
  if (!isFlaskReceiver(fn.childForFieldName('object')!, b, usesFlask)) return;
  const args = positionalArgs(expr);
  const p = stringValue(args[0] ?? keywordArg(expr, 'rule'));
  const view = keywordArg(expr, 'view_func') ?? args[2] ?? null;
  if (!view) return;
  const limits: Limit[] = [];
  const wrapped = view.type === 'call' && view.childForFieldName('function')?.type === 'call' && isLimiterDecorator(view.childForFieldName('function')!, b);
  if (wrapped) limits.push({ kind: 'decorator', by: view.childForFieldName('function')!.text });
  const key = viewKey(wrapped ? positionalArgs(view)[0] ?? view : view);
  if (!key) return;
  // a function or class of this file is already an endpoint through its own decorators: read them
  const fnDef = moduleLevel(root, key, 'function_definition');
  const clsDef = moduleLevel(root, key, 'class_definition');
  if (fnDef) for (const d of decoratorsOf(fnDef)) if (isLimiterDecorator(d, b)) limits.push({ kind: 'decorator', by: d.text });
  let methods = stringList(keywordArg(expr, 'methods'));
  if (clsDef) {
    const info = classInfo(clsDef, b);
    // a MethodView of this file is an endpoint of its own (reported at the class); give it this route
    if (info.kind) {
      const own = out.find((e) => e.node === clsDef);
      if (own && p !== null) own.paths.push(p);
      if (own || info.methods.size) return;
    }
    if (info.limit) limits.push(info.limit);
    methods ??= [...info.methods];
  }
  out.push({ framework: 'flask', file, methods: methods ?? ['GET'], paths: p !== null ? [p] : [], handler: key, start: expr.startIndex, end: fn.endIndex, chain: [], limits, exempt: false, node: expr, cls: clsDef });
}

/**
 * The limits that apply to an endpoint from the project (DRF default throttles, a rate-limit
 * middleware, flask-limiter defaults), on top of its own.
 */
export function projectLimits(e: PyEndpoint, p: PyProject | null): Limit[] {
  if (!p || e.exempt) return [];
  const out: Limit[] = [];
  if (e.framework === 'drf') {
    const d = drfDefaultThrottles(p);
    if (d.length) out.push({ kind: 'default', by: `DEFAULT_THROTTLE_CLASSES (${d.join(', ')})`, scoped: d.some((c) => /Scoped/.test(c)) });
  }
  if ((e.framework === 'django' || e.framework === 'drf') && p.middlewareLimiter) out.push({ kind: 'default', by: p.middlewareLimiter, scoped: true });
  if (e.framework === 'flask' && p.flaskDefaults) out.push({ kind: 'default', by: 'flask-limiter default_limits' });
  return out;
}
