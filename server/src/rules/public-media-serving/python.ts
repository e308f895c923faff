/**
 * public-media-serving, Python.
 *
 * 1. urls modules: `static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)`
 *    (`django.conf.urls.static.static`, any import form), added by `urlpatterns += ...` or
 *    `urlpatterns = [...] + ...`, and a route to `django.views.static.serve` whose
 *    `document_root` is the media folder, outside an `if settings.DEBUG:` guard (an `if DEBUG`,
 *    an `else` of `if not settings.DEBUG`, or `... if settings.DEBUG else []` count as guards).
 * 2. views: `FileResponse(open(path))` / `FileResponse(storage.open(path))` or Flask `send_file(path)`
 *    where the path comes from the request (URL kwargs, query, form: the shared taint helper),
 *    in a Django function view, a class view method or a Flask / FastAPI route with no access
 *    check: no login / permission decorator, no auth mixin or non-public `permission_classes`,
 *    no `request.user` / `current_user` / `request.auth` read in the function.
 */
import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { keywordArg, positionalArgs, callArgs, parameterNames } from '../../lang/python/ast';
import { enclosingFunction, localValue } from '../../lang/python/django';
import { isPythonTestCode } from '../../lang/scope';
import { isRouteHandler, levelOf, REQUEST } from '../../lang/python/taint';
import { drfDefaultAuthenticated, pyProject } from '../../lang/endpoints/python';
import { guardConcatFix, guardStatementFix, loginFix } from '../../../../codemods/python/public-media-serving';

const STATIC = new Set(['django.conf.urls.static.static']);
const SERVE = new Set(['django.views.static.serve']);
const ROUTE = new Set(['django.urls.path', 'django.urls.re_path', 'django.conf.urls.url', 'django.conf.urls.re_path']);
const FILE_RESPONSE = new Set(['django.http.FileResponse', 'django.http.response.FileResponse']);
const SEND_FILE = new Set(['flask.send_file', 'flask.helpers.send_file', 'quart.send_file']);
const AUTH_DECORATOR = /(?:^|[.\s(@])(?:\w+_required|user_passes_test|requires_auth|require_login|require_auth|authed_only|admins?_only|auth_only|authenticated_only)\b/;
const AUTH_MIXIN = /\b(?:LoginRequired|PermissionRequired|UserPassesTest|StaffRequired|SuperuserRequired|GroupRequired)Mixin\b/;
/** A string literal naming a public asset folder: a route or a path of static files. */
const PUBLIC_ASSETS = /["'][^"'\n]*\b(?:static|assets|public|themes?|favicon\.ico|robots\.txt)\b[^"'\n]*["']/;
const USER_READ = /\b(?:request\.user|request\.auth|current_user|g\.user|request\.session\b|has_perm|is_authenticated|get_jwt_identity|verify_jwt_in_request)/;

/** Guarded by DEBUG: an `if` on DEBUG around it (the else of `if not DEBUG`), or `x if DEBUG else ...`. */
function debugGuarded(node: Node): boolean {
  for (let cur: Node | null = node; cur?.parent; cur = cur.parent) {
    const p: Node = cur.parent;
    if (p.type === 'conditional_expression' && p.namedChildren[0] === cur && /\bDEBUG\b/.test(p.namedChildren[1]?.text ?? '')) return true;
    if (p.type === 'if_statement' || p.type === 'elif_clause') {
      const cond = p.childForFieldName('condition')?.text ?? '';
      if (cur === p.childForFieldName('consequence') && /\bDEBUG\b/.test(cond) && !/^\s*not\b/.test(cond)) return true;
    }
    if (p.type === 'else_clause' && p.parent?.type === 'if_statement') {
      const cond = p.parent.childForFieldName('condition')?.text ?? '';
      if (/^\s*not\b[^\n]*\bDEBUG\b/.test(cond)) return true;
    }
  }
  return false;
}

const MEDIA = /MEDIA_(?:URL|ROOT)|["']\/?media\/?["']/;

function reportRoute(node: Node, ctx: PyContext, message: string): void {
  ctx.report({ node, message, fixes: () => [routeFix(node, ctx)] });
}

/** The guard fix, where the route is added by a statement of its own (or the tail of a `+`). */
function routeFix(call: Node, ctx: PyContext) {
  const text = ctx.file.text;
  let cur: Node = call;
  // `urlpatterns += [re_path(..., serve, ...)]`: the list is the statement's value
  if (cur.parent?.type === 'list' && cur.parent.namedChildren.length === 1) cur = cur.parent;
  const p = cur.parent;
  if (p?.type === 'augmented_assignment' && p.childForFieldName('right') === cur && p.parent?.type === 'expression_statement' && p.parent.parent?.type === 'module') {
    return guardStatementFix(text, ctx.root, p.parent, ctx.file.path);
  }
  if (cur === call && p?.type === 'binary_operator' && p.childForFieldName('operator')?.text === '+' && p.childForFieldName('right') === call) {
    const a = p.parent;
    const target = a?.type === 'assignment' && a.childForFieldName('right') === p ? a.childForFieldName('left') : null;
    if (target?.type === 'identifier' && a?.parent?.type === 'expression_statement' && a.parent.parent?.type === 'module') {
      return guardConcatFix(text, ctx.root, a.parent, target.text, p, call, ctx.file.path);
    }
  }
  return null;
}

function decoratorsOf(fn: Node): Node[] {
  const p = fn.parent;
  return p?.type === 'decorated_definition' ? p.namedChildren.filter((c) => c.type === 'decorator') : [];
}

function classOf(fn: Node): Node | null {
  const p = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
  return p?.type === 'block' && p.parent?.type === 'class_definition' ? p.parent : null;
}

type ViewKind = 'django' | 'flask' | 'class' | 'other';

function viewKind(fn: Node, text: string): ViewKind | null {
  const params = parameterNames(fn);
  const cls = classOf(fn);
  if (cls) return params[1] === 'request' ? 'class' : null;
  if (isRouteHandler(fn)) return /^\s*(?:from|import)\s+(?:flask|quart)\b/m.test(text) ? 'flask' : 'other';
  if (params[0] === 'request') return 'django';
  return null;
}

/** Some access check guards the view. */
function checked(fn: Node, ctx: PyContext): boolean {
  const authDeco = (d: Node): boolean => AUTH_DECORATOR.test(d.text) || (/permission_classes/.test(d.text) && !/AllowAny|\[\s*\]/.test(d.text));
  if (decoratorsOf(fn).some(authDeco)) return true;
  if (USER_READ.test(fn.text)) return true;
  const cls = classOf(fn);
  if (cls) {
    if (decoratorsOf(cls).some(authDeco)) return true;
    if (AUTH_MIXIN.test(cls.childForFieldName('superclasses')?.text ?? '')) return true;
    const body = cls.childForFieldName('body')?.text ?? '';
    const perm = /permission_classes\s*=\s*([^\n]*)/.exec(body);
    if (perm && !/AllowAny|^\s*[[(]\s*[\])]/.test(perm[1])) return true;
    if (/\b(?:dispatch|get_object|get_queryset)\b/.test(body) && USER_READ.test(body)) return true;
  }
  const usesDrf = decoratorsOf(fn).some((d) => /api_view/.test(d.text)) || /(?:APIView|ViewSet|GenericAPIView)\b/.test(cls?.childForFieldName('superclasses')?.text ?? '');
  if (usesDrf && !/permission_classes/.test(cls?.text ?? decoratorsOf(fn).map((d) => d.text).join('\n')) && drfDefaultAuthenticated(pyProject(ctx.file.path))) return true;
  return false;
}

/** The path a file response is opened from: `open(p)`, `storage.open(p)`, `Path(p).open()`, or a local holding one. */
function openedPath(arg: Node | undefined, fn: Node, depth = 0): Node | null {
  if (!arg || depth > 2) return null;
  if (arg.type === 'identifier') {
    const v = localValue(fn, arg.text, arg.startIndex);
    return v ? openedPath(v, fn, depth + 1) : null;
  }
  if (arg.type !== 'call') return null;
  const f = arg.childForFieldName('function');
  if (f?.type === 'identifier' && f.text === 'open') return positionalArgs(arg)[0] ?? null;
  if (f?.type === 'attribute' && f.childForFieldName('attribute')?.text === 'open') {
    const own = positionalArgs(arg)[0];
    if (own && !/^["'][rwab+]+["']$/.test(own.text)) return own;
    const obj = f.childForFieldName('object');
    // Path(p).open("rb"), (folder / name).open("rb")
    if (obj?.type === 'call') return positionalArgs(obj)[0] ?? null;
    if (obj?.type === 'parenthesized_expression') return obj.namedChildren[0] ?? null;
  }
  return null;
}

const WATCHED = [...STATIC, ...ROUTE, ...FILE_RESPONSE, ...SEND_FILE];
const OWN_NAMES = new Set(WATCHED.map((q) => q.slice(q.lastIndexOf('.') + 1)));
let namesMemo: { bindings: object; names: Set<string> } | null = null;

/** Local names the watched calls can have in this file: their own names and the aliases imports give them. */
function calleeNames(ctx: PyContext): Set<string> {
  if (namesMemo?.bindings === ctx.bindings) return namesMemo.names;
  const names = new Set(OWN_NAMES);
  for (const [local, q] of ctx.bindings.imports) if (WATCHED.includes(q)) names.add(local);
  namesMemo = { bindings: ctx.bindings, names };
  return names;
}

export const python: PyDetector = {
  nodeTypes: ['call'],
  requires: /django\.conf\.urls\.static|django\.views(?:\.static|\s+import[^\n]*\bstatic\b)|\bstatic\.serve\b|FileResponse|send_file/,
  visit(node: Node, ctx: PyContext) {
    const f = node.childForFieldName('function');
    if (!f) return;
    // cheap first: the callee's last name is one these APIs go by in this file
    const last = f.type === 'identifier' ? f.text : f.type === 'attribute' ? f.childForFieldName('attribute')?.text : null;
    if (!last || !calleeNames(ctx).has(last)) return;
    const q = ctx.bindings.resolve(f);
    if (!q) return;
    if (STATIC.has(q)) {
      const first = positionalArgs(node)[0] ?? keywordArg(node, 'prefix');
      const root = keywordArg(node, 'document_root');
      if (!first || !(MEDIA.test(first.text) || (root && /MEDIA_ROOT/.test(root.text)))) return;
      if (debugGuarded(node) || isPythonTestCode(ctx.file.path, ctx.file.text)) return;
      reportRoute(node, ctx, 'Media files are routed through `static()` outside an `if settings.DEBUG:` guard: a production that runs with DEBUG on serves every upload publicly, and user files get no access control; serve them from storage or the web server, and keep this for development');
      return;
    }
    if (ROUTE.has(q)) {
      const args = callArgs(node);
      const view = args[1];
      if (!view || !SERVE.has(ctx.bindings.resolve(view) ?? '')) return;
      const rest = args.slice(2).map((a) => a.text).join(' ');
      if (!/MEDIA_ROOT/.test(rest) && !MEDIA.test(args[0]?.text ?? '')) return;
      if (debugGuarded(node) || isPythonTestCode(ctx.file.path, ctx.file.text)) return;
      reportRoute(node, ctx, '`django.views.static.serve` serves the media folder whatever DEBUG says: every upload is public to anyone who guesses or is given its URL, and Django serves files inefficiently; guard it with `settings.DEBUG` and serve media from storage or the web server');
      return;
    }
    const fileResponse = FILE_RESPONSE.has(q);
    if (!fileResponse && !SEND_FILE.has(q)) return;
    const fn = enclosingFunction(node);
    if (!fn) return;
    const kind = viewKind(fn, ctx.file.text);
    if (!kind) return;
    const first = positionalArgs(node)[0];
    const p = fileResponse ? openedPath(first, fn) : (first ?? null);
    if (!p || levelOf(p, fn, { bindings: ctx.bindings, root: ctx.root }) !== REQUEST) return;
    // a route for the app's own public assets (`/themes/<theme>/static/<path:path>`)
    if (PUBLIC_ASSETS.test(fn.text.slice(0, fn.childForFieldName('body')?.startIndex ?? 0)) || decoratorsOf(fn).some((d) => PUBLIC_ASSETS.test(d.text)) || PUBLIC_ASSETS.test(p.text)) return;
    if (checked(fn, ctx) || isPythonTestCode(ctx.file.path, ctx.file.text)) return;
    const flaskLogin = /^\s*from\s+flask_login\s+import\b|^\s*import\s+flask_login\b/m.test(ctx.file.text);
    ctx.report({
      node,
      message: 'A file named by the request is sent with no login or ownership check: anyone with the URL downloads any user\'s file; require login and check the file belongs to the user',
      fixes: () => (kind === 'django' || (kind === 'flask' && flaskLogin) ? [loginFix(ctx.file.text, ctx.root, fn, kind, ctx.file.path)] : []),
    });
  },
};
