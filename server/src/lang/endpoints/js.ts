/**
 * JavaScript / TypeScript endpoint reader: Express apps and routers, Next.js
 * App Router handlers.
 *
 *   Express   `app.post(path, ...middleware, handler)` on `express()` / `Router()`
 *             (followed through imports, `require` and typed parameters), middleware
 *             arrays, `router.route(p).post(...)`; `app.use(limiter)` and
 *             `app.use("/auth", limiter)` before the route, in this file or in the
 *             file that mounts this router (`app.use("/auth", authRouter)`), up a
 *             few levels of mounting.
 *   Next.js   `export async function POST()` in `app/**\/route.ts` (and Medusa's
 *             `api/**\/route.ts`), limited when the handler calls a limiter or a
 *             root `middleware.ts` does.
 * A middleware counts as a limiter when it resolves to a rate-limit library
 * (`express-rate-limit`, `express-slow-down`, `rate-limiter-flexible`,
 * `@upstash/ratelimit`, ...), also through a wrapper exported from another
 * module, is named like one (`authLimiter`, `rateLimit`), or is a project
 * function that counts requests in a shared store (Redis `INCR` + `EXPIRE`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { JsBindings, projectModuleSource, resolveProjectModule } from '../js/bindings';
import { fresh, stableScanId } from '../snapshot';
import { countsRequests, JS_MARKERS, LIMITER_NAME, projectFiles, projectRoot, FactsIndex, type Endpoint, type Limit } from './model';

export interface JsEndpoint extends Endpoint {
  /** the route call, or the exported Next.js handler */
  node: ts.Node;
  /** the route call's handler argument (the fix inserts a limiter before it) */
  handlerArg: ts.Expression | null;
  /** Express: the path as written on its router, before the mounts' prefixes (`paths` may hold the mounted one) */
  localPath?: string | null;
}

const VERBS = new Set(['post', 'put', 'patch', 'delete', 'get', 'all']);
const LIMITER_LIB = /^(express-rate-limit|express-slow-down|express-brute|rate-limiter-flexible|@upstash\/ratelimit|express-limiter|koa-ratelimit|@nestjs\/throttler|limiter|bottleneck|rate-limit-redis)\b/;
const ROUTER_LIB = /^(express|express-promise-router|@koa\/router|koa-router|router)(\.default)?(\.Router)?\(\)/;

function stringOf(e: ts.Expression | undefined): string | null {
  if (!e) return null;
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  return null;
}

/** Is this the receiver of routes: an Express app or router? */
function isRouter(expr: ts.Expression, b: JsBindings, usesExpress: boolean): boolean {
  const q = b.resolve(expr);
  if (q) return ROUTER_LIB.test(q);
  return usesExpress && /^(app|router|\w*Router|routes?|api|server)$/.test(expr.getText());
}

/** A middleware that limits the request rate (see the module comment). */
export function isJsLimiter(expr: ts.Expression, b: JsBindings, depth = 0): boolean {
  if (ts.isArrayLiteralExpression(expr)) return expr.elements.some((e) => isJsLimiter(e as ts.Expression, b, depth));
  const q = b.resolve(expr);
  if (q && LIMITER_LIB.test(q)) return true;
  const callee = ts.isCallExpression(expr) ? expr.expression : expr;
  if (LIMITER_NAME.test(callee.getText())) return true;
  if (ts.isCallExpression(expr) && q && LIMITER_LIB.test(q)) return true;
  if (depth > 2 || !ts.isIdentifier(callee)) return false;
  // a function of this file or of a project module whose body counts requests or calls a limiter
  const fn = functionOf(callee, b.sourceFile);
  if (fn) return bodyLimits(fn, b);
  const imp = importOf(b.sourceFile, callee.text);
  if (imp) {
    const sf = projectModuleSource(b.sourceFile.fileName, imp.spec);
    const target = sf ? functionOf(imp.name === 'default' ? null : ts.factory.createIdentifier(imp.name), sf, imp.name === 'default') : null;
    if (target && sf) return bodyLimits(target, new JsBindings(sf));
  }
  return false;
}

function bodyLimits(fn: ts.Node, b: JsBindings): boolean {
  const text = fn.getText(b.sourceFile);
  if (countsRequests(text)) return true;
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n)) {
      const q = b.resolve(n.expression);
      if (q && LIMITER_LIB.test(q)) found = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(fn);
  return found;
}

/** A module-level function (declaration or `const f = (...) =>`) by name, or the default-exported one. */
function functionOf(id: ts.Identifier | null, sf: ts.SourceFile, wantDefault = false): ts.Node | null {
  for (const s of sf.statements) {
    if (wantDefault) {
      if (ts.isFunctionDeclaration(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) return s;
      if (ts.isExportAssignment(s)) return s.expression;
      continue;
    }
    if (!id) return null;
    if (ts.isFunctionDeclaration(s) && s.name?.text === id.text) return s;
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.name.text === id.text && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) return d.initializer;
      }
    }
  }
  return null;
}

/** `import x from "./m"`, `import { x } from "./m"`, `const x = require("./m")`: the module and exported name. */
export function importOf(sf: ts.SourceFile, local: string): { spec: string; name: string } | null {
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.importClause) {
      const spec = s.moduleSpecifier.text;
      if (s.importClause.name?.text === local) return { spec, name: 'default' };
      const nb = s.importClause.namedBindings;
      if (nb && ts.isNamedImports(nb)) {
        const el = nb.elements.find((e) => e.name.text === local);
        if (el) return { spec, name: (el.propertyName ?? el.name).text };
      }
    } else if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const init = d.initializer;
        const req = init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' ? stringOf(init.arguments[0]) : null;
        if (!req) continue;
        if (ts.isIdentifier(d.name) && d.name.text === local) return { spec: req, name: 'default' };
        if (ts.isObjectBindingPattern(d.name)) {
          for (const el of d.name.elements) {
            if (ts.isIdentifier(el.name) && el.name.text === local) return { spec: req, name: el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : local };
          }
        }
      }
    }
  }
  return null;
}

// ---------------------------------------------------------------------------
// `use` calls of a file, in order

interface UseCall {
  receiver: string;
  pos: number;
  prefix: string | null;
  limiter: string | null;
  /** arguments that may be routers mounted here */
  mounted: ts.Expression[];
  call: ts.CallExpression;
}

const useCache = new WeakMap<ts.SourceFile, UseCall[]>();

function useCalls(sf: ts.SourceFile, b: JsBindings): UseCall[] {
  const hit = useCache.get(sf);
  if (hit) return hit;
  const out: UseCall[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'use' && n.arguments.length) {
      const receiver = n.expression.expression.getText(sf);
      const pos = n.getStart(sf);
      const table = tableMounts(n, sf);
      if (table) {
        for (const t of table) out.push({ receiver, pos, prefix: t.prefix, limiter: null, mounted: [t.mounted], call: n });
      } else {
        const args = [...n.arguments];
        const prefix = stringOf(args[0]);
        const rest = prefix !== null ? args.slice(1) : args;
        // a limiter switched on only outside production (`if (env === 'development')`) limits nothing in production
        const lim = rest.find((a) => isJsLimiter(a, b));
        out.push({ receiver, pos, prefix, limiter: lim && !offInProduction(n) ? lim.getText(sf) : null, mounted: rest, call: n });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  useCache.set(sf, out);
  return out;
}

/**
 * A `use` call inside a loop over a table of routes, as boilerplates write their route index:
 *   const defaultRoutes = [{ path: '/auth', route: authRoute }, ...];
 *   defaultRoutes.forEach((route) => { router.use(route.path, route.route); });
 * (also `for (const r of routes)`): one mount per row of the table, when the table is an array
 * literal of object literals bound by `const` in the same file. Null when the call is not of that shape.
 */
function tableMounts(n: ts.CallExpression, sf: ts.SourceFile): Array<{ prefix: string | null; mounted: ts.Expression }> | null {
  const [a0, a1] = n.arguments;
  if (!a1 || n.arguments.length !== 2 || !ts.isPropertyAccessExpression(a1) || !ts.isIdentifier(a1.expression)) return null;
  const row = a1.expression.text;
  if (!ts.isPropertyAccessExpression(a0) || a0.expression.getText(sf) !== row) return null;
  // the loop binding `row` and the table it iterates
  let table: ts.Expression | null = null;
  for (let p: ts.Node | undefined = n.parent; p && !table; p = p.parent) {
    if ((ts.isArrowFunction(p) || ts.isFunctionExpression(p)) && p.parameters[0] && p.parameters[0].name.getText(sf) === row) {
      const call = p.parent;
      if (ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'forEach') table = call.expression.expression;
      else return null;
    } else if (ts.isForOfStatement(p) && ts.isVariableDeclarationList(p.initializer) && p.initializer.declarations[0]?.name.getText(sf) === row) {
      table = p.expression;
    } else if (ts.isFunctionLike(p)) return null;
  }
  if (!table || !ts.isIdentifier(table)) return null;
  const name = table.text;
  let rows: ts.ArrayLiteralExpression | null = null;
  for (const s of sf.statements) {
    if (!ts.isVariableStatement(s) || !(s.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer && ts.isArrayLiteralExpression(d.initializer)) rows = d.initializer;
  }
  if (!rows) return null;
  const prefixKey = a0.name.text;
  const routeKey = a1.name.text;
  const out: Array<{ prefix: string | null; mounted: ts.Expression }> = [];
  for (const el of rows.elements) {
    if (!ts.isObjectLiteralExpression(el)) continue;
    let prefix: string | null = null;
    let mounted: ts.Expression | null = null;
    for (const prop of el.properties) {
      const key = prop.name && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name)) ? prop.name.text : null;
      const value = ts.isPropertyAssignment(prop) ? prop.initializer : ts.isShorthandPropertyAssignment(prop) ? prop.name : null;
      if (!value) continue;
      if (key === prefixKey) prefix = stringOf(value);
      if (key === routeKey) mounted = value;
    }
    if (mounted) out.push({ prefix, mounted });
  }
  return out;
}

/**
 * Whether a statement runs only outside production: inside the `then` branch of
 * `if (config.env === 'development')` / `if (process.env.NODE_ENV !== 'production')`, or the `else`
 * of `if (env === 'production')`. A limiter switched on in production (`if (env === 'production')`) counts.
 */
function offInProduction(n: ts.Node): boolean {
  for (let child: ts.Node = n, p = n.parent; p; child = p, p = p.parent) {
    if (!ts.isIfStatement(p) || child === p.expression) continue;
    const cond = p.expression.getText();
    if (!/env\b|NODE_ENV|environment/i.test(cond)) continue;
    const isProd = /(===?)\s*['"`]prod(uction)?['"`]|['"`]prod(uction)?['"`]\s*(===?)/.test(cond);
    const notProd = /!==?\s*['"`]prod(uction)?['"`]|['"`]prod(uction)?['"`]\s*!==?/.test(cond);
    const isDev = /===?\s*['"`](development|dev|test|local)['"`]|['"`](development|dev|test|local)['"`]\s*===?/.test(cond);
    const inThen = child === p.thenStatement;
    if (inThen && (notProd || (isDev && !isProd))) return true;
    if (!inThen && isProd) return true;
  }
  return false;
}

function prefixCovers(prefix: string | null, routePath: string | null): boolean {
  if (prefix === null || prefix === '/' || prefix === '*' || prefix === '/*') return true;
  if (routePath === null) return false;
  const p = prefix.replace(/\/?\*?$/, '');
  return routePath === p || routePath.startsWith(`${p}/`);
}

/** A limiter `use`d on `receiver` before `pos` whose path covers `routePath`. */
function usedBefore(uses: UseCall[], receiver: string, pos: number, routePath: string | null): string | null {
  for (const u of uses) {
    if (u.pos >= pos) break;
    if (u.receiver === receiver && u.limiter && prefixCovers(u.prefix, routePath)) return u.limiter;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Where a router file is mounted (other files of the project)

const MOUNT_TEXT = /\.use\s*\(/;
const mountFiles = new FactsIndex<string>(MOUNT_TEXT, (_file, text) => text);

/** A `use` call of another file of the project that mounts the router of a file. */
interface Mount {
  other: string;
  b: JsBindings;
  uses: UseCall[];
  u: UseCall;
}

/** The mounts of each file's router, found once per file during a stable scan (every route of the file asks). */
const mountsMemo = new Map<string, Mount[]>();
let mountsScan = 0;

/** Where the router of `file` is mounted: `use` calls of the project's other files, in file and call order. */
function mountsOf(file: string): Mount[] {
  const id = stableScanId();
  if (id !== mountsScan) {
    mountsMemo.clear();
    mountsScan = id;
  }
  const hit = id ? mountsMemo.get(file) : undefined;
  if (hit) return hit;
  const out: Mount[] = [];
  const root = projectRoot(file, JS_MARKERS);
  const stem = path.basename(file).replace(/\.[cm]?[jt]sx?$/, '');
  const dirStem = stem === 'index' ? path.basename(path.dirname(file)) : stem;
  for (const other of projectFiles(root, ['.ts', '.js', '.mjs', '.cjs', '.tsx', '.mts'], JS_MARKERS)) {
    if (other === file) continue;
    const text = mountFiles.get(other);
    if (!text || !text.includes(dirStem) || !mayImport(other, text, file)) continue;
    const sf = parsed(other, text);
    const b = new JsBindings(sf);
    const uses = useCalls(sf, b);
    for (const u of uses) {
      const mountsUs = u.mounted.some((m) => {
        const id = ts.isCallExpression(m) ? m.expression : m;
        if (ts.isCallExpression(m) && ts.isIdentifier(m.expression) && m.expression.text === 'require') {
          const spec = stringOf(m.arguments[0]);
          return !!spec && resolveProjectModule(other, spec) === file;
        }
        if (!ts.isIdentifier(id)) return false;
        const imp = importOf(sf, id.text);
        return !!imp && resolveProjectModule(other, imp.spec) === file;
      });
      if (mountsUs) out.push({ other, b, uses, u });
    }
  }
  if (id) {
    if (mountsMemo.size > 5000) mountsMemo.clear();
    mountsMemo.set(file, out);
  }
  return out;
}

/**
 * Whether `text` (of `other`) has an import or require whose specifier names `file`: a `use` call
 * mounts a router only through one, so a file without any is not parsed. A specifier written with
 * escapes is taken as a maybe.
 */
function mayImport(other: string, text: string, file: string): boolean {
  for (const m of text.matchAll(/(?:\bfrom|\bimport|\brequire\s*\()\s*(['"`])((?:\\.|(?!\1)[^\\\n])*)\1/g)) {
    const spec = m[2];
    if (spec.includes('\\') || resolveProjectModule(other, spec) === file) return true;
  }
  return false;
}

/** The limiter applied where the router of `file` (named `local` there) is mounted, up to `depth` levels. */
function limiterAtMount(file: string, routePath: string | null, depth: number): string | null {
  if (depth > 3) return null;
  for (const { other, b, uses, u } of mountsOf(file)) {
    const full = u.prefix !== null && routePath !== null ? joinPath(u.prefix, routePath) : routePath;
    if (u.limiter && u.mounted.findIndex((m) => isJsLimiter(m, b)) < u.mounted.length - 1) return u.limiter;
    const before = usedBefore(uses, u.receiver, u.pos, full);
    if (before) return before;
    const up = limiterAtMount(other, full, depth + 1);
    if (up) return up;
  }
  return null;
}

/**
 * The path a route of the router of `file` answers at once mounted: `/login` of `auth.route.js`,
 * mounted at `/auth` by `routes/v1/index.js`, itself mounted at `/v1` by `app.js`, is `/v1/auth/login`.
 * The first mount of each level is followed (up to four levels); a router mounted nowhere keeps its path.
 */
export function mountedPath(file: string, routePath: string): string {
  let cur = file;
  let full = routePath;
  for (let depth = 0; depth < 4 && path.isAbsolute(cur); depth++) {
    const m = mountsOf(cur)[0];
    if (!m) break;
    if (m.u.prefix !== null) full = joinPath(m.u.prefix, full);
    cur = m.other;
  }
  return full;
}

function joinPath(prefix: string, p: string): string {
  return `${prefix.replace(/\/$/, '')}/${p.replace(/^\//, '')}`;
}

const parseCache = new Map<string, { text: string; sf: ts.SourceFile }>();
function parsed(file: string, text: string): ts.SourceFile {
  const hit = parseCache.get(file);
  if (hit && hit.text === text) return hit.sf;
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : /\.[cm]?ts$/.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  if (parseCache.size > 200) parseCache.clear();
  parseCache.set(file, { text, sf });
  return sf;
}

// ---------------------------------------------------------------------------
// Endpoints

/** The Express route a call declares, or null. Cheap syntactic tests first. */
export function expressRoute(call: ts.CallExpression, b: JsBindings, usesExpress: boolean, interesting: (names: string[]) => boolean = () => true): JsEndpoint | null {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !VERBS.has(callee.name.text) || !call.arguments.length) return null;
  let receiver = callee.expression;
  let routePath = stringOf(call.arguments[0]);
  let chainArgs = call.arguments.slice(routePath !== null ? 1 : 0);
  // router.route("/login").post(handler)
  if (ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression) && receiver.expression.name.text === 'route') {
    routePath = stringOf(receiver.arguments[0]);
    receiver = receiver.expression.expression;
    chainArgs = [...call.arguments];
  } else if (routePath === null || call.arguments.length < 2) return null;
  // route().get().post() chains: the receiver may itself be a verb call on a route()
  while (ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression) && VERBS.has(receiver.expression.name.text) && ts.isCallExpression(receiver.expression.expression)) {
    receiver = receiver.expression.expression;
    if (ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression) && receiver.expression.name.text === 'route') {
      routePath = stringOf(receiver.arguments[0]);
      receiver = receiver.expression.expression;
      break;
    }
  }
  if (!chainArgs.length) return null;
  const handlerArg = chainArgs[chainArgs.length - 1];
  const handlerName = ts.isIdentifier(handlerArg) ? handlerArg.text : ts.isPropertyAccessExpression(handlerArg) ? handlerArg.name.text : ts.isCallExpression(handlerArg) && ts.isIdentifier(handlerArg.expression) ? handlerArg.expression.text : '';
  // names before bindings: most verb calls (`map.get(k, d)`, `axios.post(url, body)`) end here
  if (!interesting([handlerName, routePath ?? ''])) return null;
  if (!isRouter(receiver, b, usesExpress)) return null;
  const middleware = chainArgs.slice(0, -1);
  const sf = b.sourceFile;
  const limits: Limit[] = [];
  for (const m of middleware) if (isJsLimiter(m, b)) limits.push({ kind: 'middleware', by: m.getText(sf) });
  const handler = handlerName;
  const verb = callee.name.text.toUpperCase();
  return {
    framework: 'express',
    file: sf.fileName,
    methods: verb === 'ALL' ? ['*'] : [verb],
    paths: routePath !== null ? [routePath] : [],
    handler: handler || routePath || '',
    start: call.getStart(sf),
    end: callee.getEnd(),
    chain: middleware.map((m) => m.getText(sf)),
    limits,
    exempt: false,
    node: call,
    handlerArg,
    localPath: routePath,
  };
}

/**
 * Middleware that lets only an authenticated user through, by the names Express apps give it:
 * `passport.authenticate(...)`, `requireAuth`, `authenticate`, `isAuthenticated`, `ensureLoggedIn()`,
 * `auth`, `jwt({...})`, `requireUser`, `verifySession`, Medusa's `authenticate("user", ...)`.
 */
const AUTH_MIDDLEWARE = /^(passport\.authenticate|(\w+\.)?(authenticate\w*|requireAuth\w*|require(User|Login|Session|Token)|isAuthenticated|isLoggedIn|ensureAuthenticated|ensureLoggedIn|ensureUser|auth|authed|authRequired|requiresAuth|authMiddleware|authGuard|checkAuth|verifySession|verifyToken|verifyJwt|withAuth|jwt|expressjwt|session(Auth|Required)|loginRequired|protect|protected))$/i;

/** A middleware expression that authenticates: a known name (or a call of one), or an inline guard refusing a request without a user. */
function authenticates(m: ts.Expression, sf: ts.SourceFile): boolean {
  const callee = ts.isCallExpression(m) ? m.expression : m;
  if (ts.isIdentifier(callee) || ts.isPropertyAccessExpression(callee)) {
    // Medusa's authenticate("customer", [...], { allowUnauthenticated: true }) lets anonymous requests through
    if (AUTH_MIDDLEWARE.test(callee.getText(sf))) return !(ts.isCallExpression(m) && /\ballowUnauthenticated\s*:\s*true\b/.test(m.getText(sf)));
  }
  if (ts.isArrowFunction(m) || ts.isFunctionExpression(m)) {
    // (req, res, next) => { if (!req.user) { res.status(401)...; return; } next(); }
    const body = m.body.getText(sf);
    return /!\s*req\.(user|session\.user|isAuthenticated\s*\(\s*\))/.test(body) && /\b(401|403)\b|redirect\s*\(|Unauthori[sz]ed/.test(body);
  }
  return false;
}

/** Whether the route requires an authenticated user: auth middleware in its chain or `use`d before it on its router. */
export function expressAuthenticated(e: JsEndpoint, sf: ts.SourceFile, b: JsBindings): boolean {
  const call = e.node as ts.CallExpression;
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return false;
  const routePath = stringOf(call.arguments[0]);
  const chain = call.arguments.slice(routePath !== null ? 1 : 0, -1);
  if (chain.some((m) => authenticates(m, sf))) return true;
  let receiver = call.expression.expression;
  while (ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression)) receiver = receiver.expression.expression;
  const name = receiver.getText(sf);
  const pos = call.getStart(sf);
  for (const u of useCalls(sf, b)) {
    if (u.pos >= pos) break;
    if (u.receiver === name && prefixCovers(u.prefix, localOf(e)) && u.mounted.some((m) => authenticates(m, sf))) return true;
  }
  return false;
}

function localOf(e: JsEndpoint): string | null {
  return e.localPath !== undefined ? e.localPath : (e.paths[0] ?? null);
}

/** Limits from `use` calls: before the route in this file, and where this file's router is mounted. */
export function expressUseLimits(e: JsEndpoint, b: JsBindings): Limit[] {
  const call = e.node as ts.CallExpression;
  const sf = b.sourceFile;
  let receiver = (call.expression as ts.PropertyAccessExpression).expression;
  while (ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression)) receiver = receiver.expression.expression;
  const path0 = localOf(e);
  const here = usedBefore(useCalls(sf, b), receiver.getText(sf), call.getStart(sf), path0);
  if (here) return [{ kind: 'use', by: here }];
  if (!path.isAbsolute(sf.fileName)) return [];
  const mounted = limiterAtMount(sf.fileName, path0, 0);
  return mounted ? [{ kind: 'use', by: mounted }] : [];
}

const NEXT_ROUTE = /(^|[\\/])(app|api)[\\/](.*[\\/])?route\.[cm]?[jt]sx?$/;
const HTTP_EXPORTS = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'GET']);

/** Next.js App Router (and Medusa file-routed) handlers exported by a `route.ts` file. */
export function nextEndpoints(sf: ts.SourceFile, b: JsBindings, interesting: (names: string[]) => boolean = () => true): JsEndpoint[] {
  const m = NEXT_ROUTE.exec(sf.fileName);
  if (!m) return [];
  const rel = sf.fileName.slice(m.index + m[1].length + m[2].length + 1).replace(/route\.[cm]?[jt]sx?$/, '');
  const routePath = `/${rel.split(/[\\/]/).filter((s) => s && !/^\(.*\)$/.test(s)).join('/')}`;
  const out: JsEndpoint[] = [];
  let fileLimited: string | null | undefined;
  for (const s of sf.statements) {
    const exported = ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((x) => x.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    const decls: Array<{ name: ts.Identifier; body: ts.Node }> = [];
    if (ts.isFunctionDeclaration(s) && s.name && s.body) decls.push({ name: s.name, body: s.body });
    if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) decls.push({ name: d.name, body: d.initializer });
    for (const d of decls) {
      if (!HTTP_EXPORTS.has(d.name.text) || !interesting([routePath])) continue;
      fileLimited ??= middlewareLimits(sf.fileName);
      const limits: Limit[] = [];
      if (bodyLimits(d.body, b) || callsNamedLimiter(d.body, sf, b)) limits.push({ kind: 'decorator', by: 'a limiter called in the handler' });
      if (fileLimited) limits.push({ kind: 'default', by: fileLimited });
      const authenticated = routeConfigAuthenticates(sf.fileName, m.index + m[1].length, routePath, d.name.text);
      out.push({ framework: 'next', file: sf.fileName, methods: [d.name.text], paths: [routePath], handler: d.name.text, start: d.name.getStart(sf), end: d.name.getEnd(), chain: [], limits, exempt: false, authenticated, node: d.name, handlerArg: null });
    }
  }
  return out;
}

const PAGES_API = /(^|[\\/])pages[\\/]api[\\/](.+)\.[cm]?[jt]sx?$/;
const METHOD_NAMES = 'GET|POST|PUT|PATCH|DELETE';
/** `case 'POST':`, `req.method === 'POST'`, `method !== "PUT"`, `['POST', 'PUT'].includes(req.method)`. */
const METHOD_TEST = new RegExp(`\\bcase\\s*['"\`](${METHOD_NAMES})['"\`]\\s*:|\\bmethod\\s*[!=]==?\\s*['"\`](${METHOD_NAMES})['"\`]|['"\`](${METHOD_NAMES})['"\`]\\s*[!=]==?\\s*(?:req\\.)?method\\b`, 'g');
/**
 * A session read that refuses anonymous callers: `getSession(req, res)` / `getServerSession` /
 * `getToken` / `getAuthSession` followed somewhere in the file by a 401, or a wrapper such as
 * `withApiAuthRequired` / `requireAuth` / `throwIfNoTeamAccess`.
 */
const PAGE_SESSION = /\b(getSession|getServerSession|getServerAuthSession|getToken|getAuthSession|getCurrentUser|auth)\s*\(/;
const PAGE_REFUSES = /\b401\b|Unauthori[sz]ed|UNAUTHORIZED/;
const PAGE_AUTH_WRAPPER = /\b(withApiAuthRequired|withAuth|requireAuth\w*|withSession(Required)?|throwIfNoTeamAccess|throwIfNotAllowed|authenticated)\s*\(/;

/**
 * Next.js Pages Router API routes: the default export of `pages/api/**` (`pages/api/auth/join.ts`
 * answers `/api/auth/join`; `index` names its folder). Its methods are the ones the file tests
 * (`switch (req.method) { case 'POST': ... }`, `req.method !== 'POST'`), or all when it tests none.
 * Limited when the file calls a limiter or the root `middleware.ts` does.
 */
export function pagesApiEndpoints(sf: ts.SourceFile, b: JsBindings, interesting: (names: string[]) => boolean = () => true): JsEndpoint[] {
  const m = PAGES_API.exec(sf.fileName);
  if (!m) return [];
  const segs = m[2].split(/[\\/]/);
  if (segs.some((x) => x.startsWith('_'))) return [];
  if (segs[segs.length - 1] === 'index') segs.pop();
  const routePath = `/api${segs.length ? `/${segs.join('/')}` : ''}`;
  let exp: ts.Node | null = null;
  let nameNode: ts.Node | null = null;
  let handler = 'handler';
  for (const s of sf.statements) {
    if (ts.isFunctionDeclaration(s) && ts.getModifiers(s)?.some((x) => x.kind === ts.SyntaxKind.DefaultKeyword) && ts.getModifiers(s)?.some((x) => x.kind === ts.SyntaxKind.ExportKeyword)) {
      exp = s;
      nameNode = s.name ?? s;
      handler = s.name?.text ?? 'handler';
    } else if (ts.isExportAssignment(s) && !s.isExportEquals) {
      exp = s;
      nameNode = s.expression;
      const inner = ts.isCallExpression(s.expression) ? s.expression.arguments.find((a) => ts.isIdentifier(a)) : s.expression;
      if (inner && ts.isIdentifier(inner)) handler = inner.text;
    }
  }
  if (!exp || !nameNode || !interesting([handler, routePath])) return [];
  const text = sf.text;
  const methods = new Set<string>();
  METHOD_TEST.lastIndex = 0;
  for (const mm of text.matchAll(METHOD_TEST)) methods.add((mm[1] ?? mm[2] ?? mm[3]).toUpperCase());
  const limits: Limit[] = [];
  // handlers delegate to helpers of the same file (`handlePOST`): the whole module is their body
  if (bodyLimits(sf, b) || callsNamedLimiter(sf, sf, b)) limits.push({ kind: 'decorator', by: 'a limiter called in the handler' });
  const fileLimited = middlewareLimits(sf.fileName);
  if (fileLimited) limits.push({ kind: 'default', by: fileLimited });
  const authenticated = PAGE_AUTH_WRAPPER.test(text) || (PAGE_SESSION.test(text) && PAGE_REFUSES.test(text));
  const start = nameNode.getStart(sf);
  return [{ framework: 'next', file: sf.fileName, methods: methods.size ? [...methods] : ['*'], paths: [routePath], handler, start, end: ts.isFunctionDeclaration(nameNode) ? start + 'export'.length : nameNode.getEnd(), chain: [], limits, exempt: false, authenticated, node: nameNode, handlerArg: null }];
}

// ---------------------------------------------------------------------------
// NestJS controllers

const NEST_VERBS = new Set(['Post', 'Put', 'Patch', 'Delete', 'Get', 'All']);
/** A guard that needs a logged-in caller: `AuthGuard('jwt')`, `JwtAuthGuard`, `SessionGuard`, `RolesGuard`, `InfraTokenGuard`. */
const NEST_AUTH_GUARD = /auth|jwt|session|logged|roles?\b|roles?guard|admin|token|api_?key|permission/i;

interface NestDecorators {
  /** `UseGuards(...)` arguments, as written */
  guards: string[];
  throttle: boolean;
  skip: boolean;
  texts: string[];
}

function decoratorName(d: ts.Decorator): { name: string; args: readonly ts.Expression[] } | null {
  const e = d.expression;
  if (ts.isCallExpression(e)) {
    const callee = ts.isPropertyAccessExpression(e.expression) ? e.expression.name : e.expression;
    return ts.isIdentifier(callee) ? { name: callee.text, args: e.arguments } : null;
  }
  return ts.isIdentifier(e) ? { name: e.text, args: [] } : null;
}

function nestDecorators(node: ts.Node, sf: ts.SourceFile, b: JsBindings): NestDecorators {
  const out: NestDecorators = { guards: [], throttle: false, skip: false, texts: [] };
  const decorators = ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : [];
  for (const d of decorators) {
    const dn = decoratorName(d);
    if (!dn) continue;
    out.texts.push(d.expression.getText(sf));
    if (dn.name === 'UseGuards') {
      for (const a of dn.args) {
        out.guards.push(a.getText(sf));
        if (isJsLimiter(a, b)) out.throttle = true;
      }
    }
    if (dn.name === 'Throttle') out.throttle = true;
    // @SkipThrottle({ default: false }) switches the throttle back on
    if (dn.name === 'SkipThrottle') out.skip = !(dn.args[0] && /\bdefault\s*:\s*false\b/.test(dn.args[0].getText(sf)));
  }
  return out;
}

function nestPath(args: readonly ts.Expression[]): string | null {
  const a = args[0];
  if (!a) return '';
  const lit = stringOf(a);
  if (lit !== null) return lit;
  if (ts.isArrayLiteralExpression(a)) return stringOf(a.elements[0] as ts.Expression);
  if (ts.isObjectLiteralExpression(a)) {
    for (const p of a.properties) {
      if (ts.isPropertyAssignment(p) && p.name.getText() === 'path') return ts.isArrayLiteralExpression(p.initializer) ? stringOf(p.initializer.elements[0] as ts.Expression) : stringOf(p.initializer);
    }
    return '';
  }
  return null;
}

/** Project-wide NestJS facts, read from the text of modules and `main.ts` (no parse). */
interface NestProjectFacts {
  /** `{ provide: APP_GUARD, useClass: ThrottlerGuard }`, `app.useGlobalGuards(new ThrottlerGuard(...))` */
  globalThrottle: string | null;
  /** `app.setGlobalPrefix('api')` */
  prefix: string | null;
}

const nestFacts = new FactsIndex<NestProjectFacts>(/APP_GUARD|useGlobalGuards|setGlobalPrefix/, (_file, text) => {
  let globalThrottle: string | null = null;
  for (const m of text.matchAll(/provide\s*:\s*APP_GUARD\s*,\s*use(?:Class|Existing)\s*:\s*(\w+)|use(?:Class|Existing)\s*:\s*(\w+)\s*,\s*provide\s*:\s*APP_GUARD|useGlobalGuards\s*\(([^)]*)\)/g)) {
    const name = m[1] ?? m[2] ?? m[3] ?? '';
    if (LIMITER_NAME.test(name)) globalThrottle = (m[1] ?? m[2] ?? name.trim()).replace(/^new\s+/, '');
  }
  const pm = /\.setGlobalPrefix\s*\(\s*(['"`])([^'"`$]*)\1/.exec(text);
  return globalThrottle || pm ? { globalThrottle, prefix: pm ? pm[2] : null } : null;
});

const nestCache = new Map<string, { at: number; value: NestProjectFacts }>();
function nestProject(file: string): NestProjectFacts {
  const root = projectRoot(file, JS_MARKERS);
  const hit = nestCache.get(root);
  if (hit && fresh(hit.at, 5000)) return hit.value;
  const value: NestProjectFacts = { globalThrottle: null, prefix: null };
  for (const { facts } of nestFacts.all(projectFiles(root, ['.ts', '.js'], JS_MARKERS))) {
    value.globalThrottle ??= facts.globalThrottle;
    value.prefix ??= facts.prefix;
  }
  if (nestCache.size > 200) nestCache.clear();
  nestCache.set(root, { at: Date.now(), value });
  return value;
}

/**
 * NestJS controller methods: `@Controller('auth')` classes with `@Post('email/login')` methods
 * answer `/auth/email/login` (after `app.setGlobalPrefix('api')` when `main.ts` writes it as a
 * string). Limited by `@Throttle()` or a throttler guard (`@UseGuards(ThrottlerGuard)`, a project
 * guard named like one, e.g. `ThrottlerBehindProxyGuard extends ThrottlerGuard`) on the method or
 * the class, or a throttler guard registered globally (`APP_GUARD` provider in any module,
 * `useGlobalGuards`); `@SkipThrottle()` on the method or class drops the class and global ones.
 * Authenticated when a guard of the method or class is an authentication guard (`AuthGuard('jwt')`).
 */
export function nestEndpoints(sf: ts.SourceFile, b: JsBindings, interesting: (names: string[]) => boolean = () => true): JsEndpoint[] {
  if (!sf.text.includes('@Controller')) return [];
  const out: JsEndpoint[] = [];
  let project: NestProjectFacts | undefined;
  for (const cls of sf.statements) {
    if (!ts.isClassDeclaration(cls)) continue;
    const ctrl = (ts.getDecorators(cls) ?? []).map(decoratorName).find((d) => d?.name === 'Controller');
    if (!ctrl) continue;
    const prefix = nestPath(ctrl.args);
    if (prefix === null) continue;
    let classDecs: NestDecorators | undefined;
    for (const member of cls.members) {
      if (!ts.isMethodDeclaration(member) || !member.name || !ts.isIdentifier(member.name)) continue;
      const verb = (ts.getDecorators(member) ?? []).map(decoratorName).find((d) => d && NEST_VERBS.has(d.name));
      if (!verb) continue;
      const sub = nestPath(verb.args);
      if (sub === null) continue;
      const handler = member.name.text;
      const local = `/${[prefix, sub].map((x) => x.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
      if (!interesting([handler, local])) continue;
      project ??= path.isAbsolute(sf.fileName) ? nestProject(sf.fileName) : { globalThrottle: null, prefix: null };
      classDecs ??= nestDecorators(cls, sf, b);
      const mine = nestDecorators(member, sf, b);
      const routePath = project.prefix ? joinPath(`/${project.prefix.replace(/^\/+/, '')}`, local) : local;
      const exempt = mine.skip || (classDecs.skip && !mine.throttle);
      const limits: Limit[] = [];
      if (mine.throttle) limits.push({ kind: 'decorator', by: mine.texts.find((t) => /Throttl/i.test(t)) ?? 'throttle' });
      if (!exempt && classDecs.throttle) limits.push({ kind: 'class', by: classDecs.texts.find((t) => /Throttl/i.test(t)) ?? 'throttle' });
      if (!exempt && project.globalThrottle) limits.push({ kind: 'default', by: project.globalThrottle });
      const guards = [...classDecs.guards, ...mine.guards].filter((g) => !LIMITER_NAME.test(g));
      const authenticated = guards.some((g) => NEST_AUTH_GUARD.test(g)) || undefined;
      const verbName = verb.name.toUpperCase();
      out.push({ framework: 'nest', file: sf.fileName, methods: verbName === 'ALL' ? ['*'] : [verbName], paths: [routePath], handler, start: member.name.getStart(sf), end: member.name.getEnd(), chain: [...classDecs.texts, ...mine.texts], limits, exempt, authenticated, node: member.name, handlerArg: null });
    }
  }
  return out;
}

/** One entry of a Medusa-style `middlewares.ts` route config: `{ method, matcher, middlewares: [authenticate(...)] }`. */
interface RouteMiddleware {
  methods: string[] | null;
  matcher: string;
  authenticates: boolean;
}

const routeConfigs = new FactsIndex<RouteMiddleware[]>(/\bmatcher\s*:/, (file, text) => {
  const sf = parsed(file, text);
  const out: RouteMiddleware[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isObjectLiteralExpression(n)) {
      const prop = (name: string): ts.Expression | undefined => {
        for (const p of n.properties) if (ts.isPropertyAssignment(p) && p.name.getText(sf) === name) return p.initializer;
        return undefined;
      };
      const matcher = stringOf(prop('matcher'));
      const mws = prop('middlewares');
      if (matcher !== null && mws && ts.isArrayLiteralExpression(mws)) {
        const method = prop('method');
        const methods = method && ts.isArrayLiteralExpression(method) ? method.elements.map((e) => (stringOf(e) ?? '').toUpperCase()) : method ? [(stringOf(method) ?? '*').toUpperCase()] : null;
        out.push({ methods, matcher, authenticates: mws.elements.some((e) => authenticates(e, sf)) });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out.length ? out : null;
});

/** `/auth/[actor_type]/refresh` and `/auth/:actor_type/refresh` name the same route. */
function routeKey(p: string): string {
  return p.replace(/\[[^\]/]+\]|:\w+/g, ':').replace(/\/+$/, '');
}

/**
 * Whether a file-routed handler (Medusa's `src/api/<path>/route.ts`) is behind authentication
 * through the route middleware config: a `middlewares.ts` in the api folder or a folder above the
 * route whose entry for this path and method lists an authenticating middleware. Asked only for
 * sensitive-named routes; each config file is read once per version.
 */
function routeConfigAuthenticates(file: string, apiDirEnd: number, routePath: string, method: string): boolean {
  const apiDir = file.slice(0, apiDirEnd);
  const key = routeKey(routePath);
  for (let dir = path.dirname(file); dir.length >= apiDir.length; dir = path.dirname(dir)) {
    for (const ext of ['.ts', '.js']) {
      for (const entry of routeConfigs.get(path.join(dir, `middlewares${ext}`)) ?? []) {
        if (!entry.authenticates || (entry.methods && !entry.methods.includes(method) && !entry.methods.includes('*'))) continue;
        const mk = routeKey(entry.matcher);
        if (mk === key || (mk.endsWith('*') && key.startsWith(mk.replace(/\/?\*$/, '')))) return true;
      }
    }
    if (path.dirname(dir) === dir) break;
  }
  return false;
}

function callsNamedLimiter(body: ts.Node, sf: ts.SourceFile, b: JsBindings): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    // a limiter by name, or a function of this file or a project module that limits (`await checkLoginLimit(ip)`)
    if (ts.isCallExpression(n) && (LIMITER_NAME.test(n.expression.getText(sf)) || (ts.isIdentifier(n.expression) && isJsLimiter(n.expression, b)))) found = true;
    ts.forEachChild(n, visit);
  };
  visit(body);
  return found;
}

const middlewareCache = new Map<string, { at: number; value: string | null }>();

/** A root `middleware.ts` that rate-limits: it applies to the App Router routes (asked once per project every few seconds). */
function middlewareLimits(file: string): string | null {
  const root = projectRoot(file, JS_MARKERS);
  const hit = middlewareCache.get(root);
  if (hit && fresh(hit.at, 5000)) return hit.value;
  const value = readMiddleware(root);
  middlewareCache.set(root, { at: Date.now(), value });
  return value;
}

function readMiddleware(root: string): string | null {
  for (const base of [root, path.join(root, 'src')]) {
    for (const ext of ['.ts', '.js']) {
      const f = path.join(base, `middleware${ext}`);
      let text: string;
      try {
        text = fs.readFileSync(f, 'utf8');
      } catch {
        continue;
      }
      if (LIMITER_LIB.test(text) || /@upstash\/ratelimit|rate-limiter-flexible|ratelimit/i.test(text) || countsRequests(text)) return path.basename(f);
    }
  }
  return null;
}
