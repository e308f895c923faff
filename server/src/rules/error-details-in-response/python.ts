/**
 * error-details-in-response, Python.
 *
 * Inside an exception handler (`except ... as e:`, a Flask `@errorhandler(Exception)`,
 * a FastAPI `@exception_handler(Exception)`, a DRF `EXCEPTION_HANDLER` function), an
 * HTTP response whose payload carries the exception: `str(e)`, `repr(e)`, `e.args`,
 * `{e}` in an f-string, `"..." % e`, `traceback.format_exc()`, directly or through
 * locals of the function (`msg = str(e)`, `data["error"] = str(e)`).
 *
 * Responses are recognised through bindings: Django `JsonResponse` / `HttpResponse*`,
 * DRF `Response` and `APIException`, Flask `jsonify` / `make_response` / `abort` /
 * `Response` and the `(body, status)` or dict return of a Flask route, FastAPI /
 * Starlette `HTTPException(detail=...)` and `JSONResponse`.
 *
 * Not flagged, because the message is meant for the client: handlers that catch only
 * validation-style exceptions (`ValidationError`, `Http404`, `PermissionDenied`, DRF
 * exceptions, `*NotFound`, `Invalid*`), exceptions the project defines itself (their
 * text is written by the app for its users), a specific built-in exception
 * (`ValueError`, `KeyError`...) answered with an explicit 4xx status (a parse error
 * of the client's input), the public attributes of an exception (`e.detail`,
 * `e.messages`, `e.message_dict`, `e.errors()`, Stripe's `e.user_message`, `e.code`).
 */
import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { callArgs, keywordArg, positionalArgs } from '../../lang/python/ast';
import { descendantsNoNested } from '../../lang/python/django';
import { isPythonTestCode } from '../../lang/scope';
import { errorDetailsFix, type ErrorSite } from '../../../../codemods/python/error-details-in-response';

/** Attributes of an exception that hold its internal text. */
const TEXT_ATTRIBUTES = new Set(['args', 'message', 'msg', 'strerror', 'filename', 'stderr', 'stdout', 'output', '__str__', '__repr__', '__traceback__', 'with_traceback', 'orig', 'pgerror', 'diag']);
/** Calls whose result is not the exception's text even when given the exception. */
const SAFE_WRAPPERS = new Set(['type', 'isinstance', 'issubclass', 'getattr', 'hasattr', 'len', 'id', 'bool', 'log_exception', 'capture_exception']);
const TRACEBACK_TEXT = /^(traceback\.(format_exc|format_exception|format_tb|format_stack|format_exception_only)|sys\.exc_info)$/;

const BUILTIN_EXCEPTIONS = new Set([
  'ArithmeticError', 'AssertionError', 'AttributeError', 'BufferError', 'ConnectionError', 'EOFError', 'FileNotFoundError',
  'FloatingPointError', 'ImportError', 'IndexError', 'KeyError', 'LookupError', 'MemoryError', 'ModuleNotFoundError',
  'NameError', 'NotImplementedError', 'OSError', 'IOError', 'OverflowError', 'RecursionError', 'ReferenceError', 'RuntimeError',
  'TimeoutError', 'TypeError', 'UnicodeDecodeError', 'UnicodeEncodeError', 'UnicodeError', 'ValueError', 'ZeroDivisionError',
  'PermissionError', 'ConnectionRefusedError', 'ConnectionResetError', 'BrokenPipeError', 'json.JSONDecodeError', 'JSONDecodeError',
]);
const BROAD = new Set(['Exception', 'BaseException']);
const FRAMEWORK_MODULES = /^(django|rest_framework|flask|werkzeug|fastapi|starlette|flask_restful|flask_smorest|quart)(\.|$)/;
/** Exception classes whose message is written for the client. */
const CLIENT_FACING = /(^|\.)(\w*ValidationError|\w*ValidationException|Http404|PermissionDenied|SuspiciousOperation|BadRequest\w*|\w*NotFound\w*|\w*DoesNotExist|Invalid\w*|\w*FormError|\w*SchemaError|Unauthori[sz]ed\w*|Forbidden\w*|Throttled|NotAuthenticated|AuthenticationFailed|MethodNotAllowed|NotAcceptable|UnsupportedMediaType|ParseError|Conflict\w*|HTTPException|APIException)$/;
const CLIENT_FACING_MODULES = /^(rest_framework\.exceptions|django\.core\.exceptions\.(ValidationError|PermissionDenied|ObjectDoesNotExist)|marshmallow|pydantic|jsonschema|werkzeug\.exceptions|wtforms|django\.http\.Http404)/;

export interface ExceptionContext {
  /** the `except` clause or the handler function */
  scope: Node;
  /** the block whose statements run with the exception in hand */
  block: Node;
  /** the name bound to the exception, if any */
  name: string | null;
  /** the exception types caught (empty: bare `except:` or a broad handler function) */
  types: Node[];
  kind: 'except' | 'handler';
}

function exceptName(clause: Node): { name: string | null; types: Node[] } {
  for (const c of clause.namedChildren) {
    if (c.type === 'as_pattern') {
      const target = c.childForFieldName('alias');
      const id = target?.type === 'as_pattern_target' ? target.namedChildren[0] : target;
      const t = c.namedChildren[0];
      const types = t?.type === 'tuple' || t?.type === 'parenthesized_expression' ? t.namedChildren.filter((x) => x.type !== 'comment') : t ? [t] : [];
      return { name: id?.type === 'identifier' ? id.text : null, types };
    }
    if (c.type === 'block' || c.type === 'comment') continue;
    const types = c.type === 'tuple' || c.type === 'parenthesized_expression' ? c.namedChildren.filter((x) => x.type !== 'comment') : [c];
    return { name: null, types };
  }
  return { name: null, types: [] };
}

/** Decorators of a function definition. */
function decorators(fn: Node): Node[] {
  const p = fn.parent;
  return p?.type === 'decorated_definition' ? p.namedChildren.filter((c) => c.type === 'decorator') : [];
}

/**
 * A function that handles an exception passed to it: Flask `@app.errorhandler(Exception)`,
 * FastAPI `@app.exception_handler(Exception)` (the exception is the second parameter), a DRF
 * `EXCEPTION_HANDLER` (`def custom_exception_handler(exc, context)`).
 */
function handlerFunction(fn: Node): ExceptionContext | null {
  const params = (fn.childForFieldName('parameters')?.namedChildren ?? []).filter((p) => p.type === 'identifier' || p.type === 'typed_parameter');
  const paramName = (i: number): string | null => {
    const p = params[i];
    if (!p) return null;
    const id = p.type === 'identifier' ? p : p.namedChildren.find((c) => c.type === 'identifier');
    return id?.text ?? null;
  };
  const body = fn.childForFieldName('body');
  if (!body) return null;
  for (const d of decorators(fn)) {
    const call = d.namedChildren[0];
    if (call?.type !== 'call') continue;
    const f = call.childForFieldName('function');
    const method = f?.type === 'attribute' ? f.childForFieldName('attribute')?.text : f?.text;
    if (method !== 'errorhandler' && method !== 'exception_handler' && method !== 'app_errorhandler') continue;
    const arg = positionalArgs(call)[0];
    if (!arg || !BROAD.has(arg.text.replace(/^builtins\./, '')) ) return null;
    const name = method === 'exception_handler' ? paramName(1) : paramName(0);
    return name ? { scope: fn, block: body, name, types: [], kind: 'handler' } : null;
  }
  const fname = fn.childForFieldName('name')?.text ?? '';
  if (/exception_handler$/.test(fname) && params.length === 2 && paramName(1) === 'context') {
    const name = paramName(0);
    return name ? { scope: fn, block: body, name, types: [], kind: 'handler' } : null;
  }
  return null;
}

let lastText: string | null = null;
let lastHasHandlers = false;
/** Whether a file can hold handler functions at all (answered once per file, not per call). */
function fileHasHandlerFunctions(text: string): boolean {
  if (text !== lastText) {
    lastText = text;
    lastHasHandlers = /errorhandler|exception_handler/.test(text);
  }
  return lastHasHandlers;
}

/**
 * The exception handler that `node` runs in (same function), if any. `handlerFns`: the file
 * may define handler functions (errorhandler / exception_handler), so functions are checked.
 */
export function exceptionContext(node: Node, handlerFns = true): ExceptionContext | null {
  let cur = node.parent;
  while (cur) {
    if (cur.type === 'except_clause' || cur.type === 'except_group_clause') {
      const { name, types } = exceptName(cur);
      const block = cur.namedChildren.find((c) => c.type === 'block');
      if (!block) return null;
      return { scope: cur, block, name, types, kind: 'except' };
    }
    if (cur.type === 'lambda' || cur.type === 'class_definition') return null;
    if (cur.type === 'function_definition') return handlerFns ? handlerFunction(cur) : null;
    cur = cur.parent;
  }
  return null;
}

type TypeClass = 'broad' | 'builtin' | 'client' | 'project' | 'library';

/** Where an exception class comes from: broad, built-in, client-facing, the project itself, or a library. */
function classifyType(t: Node, ctx: PyContext): TypeClass {
  const text = t.text;
  if (BROAD.has(text)) return 'broad';
  const q = ctx.bindings.resolve(t);
  if (CLIENT_FACING.test(text) || (q && (CLIENT_FACING.test(q) || CLIENT_FACING_MODULES.test(q)))) return 'client';
  if (t.type === 'identifier' && BUILTIN_EXCEPTIONS.has(text) && !ctx.bindings.imports.has(text)) return 'builtin';
  if (t.type === 'attribute' && (text === 'json.JSONDecodeError' || q === 'json.JSONDecodeError')) return 'builtin';
  if (t.type === 'identifier') {
    const imported = ctx.bindings.imports.get(text);
    if (!imported) return 'project'; // defined in this module (or a star import of the project)
    return importedFromProject(text, ctx) ? 'project' : 'library';
  }
  // `errors.PaymentError`, `stripe.error.StripeError`: the root name decides
  let root: Node = t;
  while (root.type === 'attribute') root = root.childForFieldName('object')!;
  if (root.type === 'identifier') {
    const imported = ctx.bindings.imports.get(root.text);
    if (!imported) return 'project';
    return importedFromProject(root.text, ctx) ? 'project' : 'library';
  }
  return 'library';
}

/** The name comes from a relative import or from a module of the project (found next to the file). */
function importedFromProject(name: string, ctx: PyContext): boolean {
  const stmt = importStatementOf(name, ctx.root);
  if (!stmt) return false;
  const mod = stmt.childForFieldName('module_name')?.text ?? '';
  if (mod.startsWith('.')) return true;
  const head = mod.split('.')[0];
  // a first-party package: the file lives under a folder of that name
  return !!head && new RegExp(`(^|[\\\\/])${head}[\\\\/]`).test(ctx.file.path);
}

function importStatementOf(name: string, root: Node): Node | null {
  for (const stmt of descendantsNoNestedImports(root)) {
    for (const n of stmt.childrenForFieldName('name')) {
      const local = n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : n.text;
      if (local === name) return stmt;
    }
  }
  return null;
}

function descendantsNoNestedImports(root: Node): Node[] {
  return root.namedChildren.filter((s) => s.type === 'import_from_statement');
}

/** Does the handler's exception type make its text internal (true) or public by design (false)? */
function internalText(ctx: PyContext, ec: ExceptionContext, status: number | null): boolean {
  if (ec.types.length === 0) return true; // bare except, broad handler function
  const classes = ec.types.map((t) => classifyType(t, ctx));
  if (classes.includes('broad')) return true;
  if (classes.includes('library')) return true;
  if (classes.includes('builtin')) return !(status !== null && status >= 400 && status < 500);
  return false; // only client-facing or project exceptions
}

// ------------------------------------------------------------------ does an expression carry the exception?

export interface Taint {
  exc: string | null;
  /** locals of the function that hold the exception's text */
  locals: Set<string>;
}

/** True when `expr` puts the exception's text (or a traceback) into a value. */
export function carries(expr: Node | null | undefined, taint: Taint, ctx: PyContext): boolean {
  if (!expr) return false;
  const stack: Node[] = [expr];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'identifier') {
      if (isValueUse(n) && ((taint.exc !== null && n.text === taint.exc && excTextUse(n)) || taint.locals.has(n.text))) return true;
      continue;
    }
    if (n.type === 'call') {
      const f = n.childForFieldName('function');
      // resolve only what may be traceback / sys (a project import would be parsed to resolve it)
      const q = f && /traceback|exc_info|format_/.test(f.text) ? (ctx.bindings.resolve(f) ?? f.text) : '';
      if (TRACEBACK_TEXT.test(q)) return true;
      const last = f?.type === 'attribute' ? f.childForFieldName('attribute')?.text : f?.text;
      if (last && SAFE_WRAPPERS.has(last)) continue;
    }
    if (n.type === 'lambda' || n.type === 'function_definition') continue;
    for (const c of n.namedChildren) stack.push(c);
  }
  return false;
}

function isValueUse(n: Node): boolean {
  const p = n.parent;
  if (p?.type === 'attribute' && p.childForFieldName('attribute')?.id === n.id) return false;
  if (p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id) return false;
  return true;
}

/** `e` used as its text: `e`, `str(e)`, `e.args`; not `e.detail`, `e.code`, `e.errors()`. */
function excTextUse(n: Node): boolean {
  const p = n.parent;
  if (p?.type === 'attribute' && p.childForFieldName('object')?.id === n.id) {
    return TEXT_ATTRIBUTES.has(p.childForFieldName('attribute')?.text ?? '');
  }
  // `isinstance(e, X)` and similar are filtered by the caller through SAFE_WRAPPERS
  if (p?.type === 'comparison_operator' || p?.type === 'boolean_operator' || p?.type === 'not_operator') return false;
  return true;
}

/** Locals of `fn` assigned (before `before`) from the exception's text, directly or through other such locals. */
export function taintedLocals(fn: Node | null, exc: string | null, before: number, ctx: PyContext): Set<string> {
  const locals = new Set<string>();
  if (!fn) return locals;
  const body = fn.type === 'module' ? fn : fn.childForFieldName('body');
  if (!body) return locals;
  const assigns = descendantsNoNested(body, (n) => n.type === 'assignment' || n.type === 'augmented_assignment').filter((a) => a.startIndex < before);
  for (let round = 0; round < 3; round++) {
    const size = locals.size;
    for (const a of assigns) {
      const left = a.childForFieldName('left');
      const right = a.childForFieldName('right');
      if (!left || !right) continue;
      const target = left.type === 'subscript' ? left.childForFieldName('value') : left;
      if (target?.type !== 'identifier' || locals.has(target.text)) continue;
      if (carries(right, { exc: inSameHandler(a, exc), locals }, ctx)) locals.add(target.text);
    }
    if (locals.size === size) break;
  }
  return locals;
}

/** The exception name only means the exception inside its handler. */
function inSameHandler(node: Node, exc: string | null): string | null {
  if (!exc) return null;
  const ec = exceptionContext(node);
  return ec?.name === exc ? exc : null;
}

// ------------------------------------------------------------------ responses

type SinkKind = 'json' | 'http' | 'drf' | 'jsonify' | 'make_response' | 'abort' | 'http_exception' | 'starlette' | 'api_exception' | 'flask_response';

function sinkKind(q: string): SinkKind | null {
  if (q === 'django.http.JsonResponse' || q === 'django.http.response.JsonResponse') return 'json';
  if (/^django\.http(\.response)?\.(HttpResponse\w*|StreamingHttpResponse)$/.test(q)) return 'http';
  if (q === 'rest_framework.response.Response') return 'drf';
  if (q === 'rest_framework.exceptions.APIException') return 'api_exception';
  if (/^(flask|flask\.json)\.jsonify$/.test(q)) return 'jsonify';
  if (q === 'flask.make_response') return 'make_response';
  if (/^(flask|werkzeug\.exceptions|flask_restful|flask_smorest)\.abort$/.test(q)) return 'abort';
  if (q === 'flask.Response' || q === 'werkzeug.wrappers.Response') return 'flask_response';
  if (/^(fastapi|fastapi\.exceptions|starlette\.exceptions)\.HTTPException$/.test(q)) return 'http_exception';
  if (/^(fastapi\.responses|starlette\.responses)\.(JSONResponse|PlainTextResponse|HTMLResponse|ORJSONResponse|UJSONResponse|Response)$/.test(q)) return 'starlette';
  return null;
}

/** The payload arguments of a response call (what the client reads). */
function payloadArgs(call: Node, kind: SinkKind): Node[] {
  const pos = positionalArgs(call);
  const kw = (name: string): Node[] => {
    const v = keywordArg(call, name);
    return v ? [v] : [];
  };
  switch (kind) {
    case 'json':
    case 'drf':
      return [...pos.slice(0, 1), ...kw('data')];
    case 'http':
    case 'flask_response':
      return [...pos.slice(0, 1), ...kw('content'), ...kw('response')];
    case 'starlette':
      return [...pos.slice(0, 1), ...kw('content')];
    case 'jsonify':
      return callArgs(call).map((a) => (a.type === 'keyword_argument' ? a.childForFieldName('value')! : a)).filter(Boolean);
    case 'make_response':
      return pos.filter((a) => !isStatusLiteral(a));
    case 'abort':
      return [...pos.slice(1), ...kw('description')];
    case 'http_exception':
      return [...pos.slice(1), ...kw('detail')];
    case 'api_exception':
      return [...pos.slice(0, 1), ...kw('detail')];
  }
}

function isStatusLiteral(n: Node): boolean {
  return n.type === 'integer' || /^(status\.HTTP_\d{3}\w*|HTTPStatus\.\w+)$/.test(n.text);
}

/** The HTTP status a node spells (`500`, `status.HTTP_500_INTERNAL_SERVER_ERROR`, `HTTPStatus.BAD_REQUEST`). */
export function statusValue(n: Node | null | undefined): number | null {
  if (!n) return null;
  if (n.type === 'integer') return Number(n.text);
  const m = /HTTP_(\d{3})/.exec(n.text);
  if (m) return Number(m[1]);
  const named: Record<string, number> = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, UNPROCESSABLE_ENTITY: 422, INTERNAL_SERVER_ERROR: 500, BAD_GATEWAY: 502, SERVICE_UNAVAILABLE: 503 };
  const h = /HTTPStatus\.(\w+)$/.exec(n.text);
  if (h && named[h[1]]) return named[h[1]];
  return null;
}

function responseStatus(call: Node, kind: SinkKind, q: string): number | null {
  const kw = keywordArg(call, 'status') ?? keywordArg(call, 'status_code') ?? keywordArg(call, 'code');
  if (kw) return statusValue(kw);
  const pos = positionalArgs(call);
  switch (kind) {
    case 'drf':
    case 'http':
    case 'flask_response':
    case 'starlette':
      if (pos[1]) return statusValue(pos[1]);
      break;
    case 'abort':
    case 'http_exception':
      return statusValue(pos[0]);
    case 'make_response':
      return statusValue(pos.find(isStatusLiteral));
    case 'api_exception':
      return 500;
  }
  if (kind === 'http') {
    const m = /HttpResponse(\w*)$/.exec(q);
    const byName: Record<string, number> = { BadRequest: 400, Forbidden: 403, NotFound: 404, NotAllowed: 405, Gone: 410, ServerError: 500 };
    if (m && byName[m[1]]) return byName[m[1]];
  }
  // a `return jsonify(...), 500` tuple gives the status next to the call
  const p = call.parent;
  if (p?.type === 'expression_list' && p.parent?.type === 'return_statement' && p.namedChildren[0]?.id === call.id) return statusValue(p.namedChildren[1]);
  return 200;
}

/** A Flask view: the file imports Flask and the function is routed or a method of a view class. */
function isFlaskView(fn: Node | null, ctx: PyContext): boolean {
  if (!fn) return false;
  let flask = false;
  for (const q of ctx.bindings.imports.values()) if (/^(flask|quart)(\.|$)/.test(q)) flask = true;
  if (!flask) return false;
  if (decorators(fn).some((d) => /\.(route|get|post|put|patch|delete)\(/.test(d.text))) return true;
  return fn.parent?.type === 'block' && fn.parent.parent?.type === 'class_definition' && /^(get|post|put|patch|delete|dispatch_request)$/.test(fn.childForFieldName('name')?.text ?? '');
}

function enclosingFn(node: Node): Node | null {
  let cur = node.parent;
  while (cur) {
    if (cur.type === 'function_definition') return cur;
    cur = cur.parent;
  }
  return null;
}

function report(ctx: PyContext, node: Node, payload: Node[], ec: ExceptionContext, status: number | null, label: string): void {
  const fn = enclosingFn(node);
  const locals = taintedLocals(fn, ec.name, node.startIndex, ctx);
  const taint: Taint = { exc: ec.name, locals };
  const carrying = payload.filter((p) => carries(p, taint, ctx));
  if (!carrying.length) return;
  if (!internalText(ctx, ec, status)) return;
  const what = ec.name ? `\`${ec.name}\`` : 'the traceback';
  const site: ErrorSite = { node, payload: carrying, context: ec, taint, status, fn };
  ctx.report({
    node,
    message: `${label} sends the text of ${what} to the client: exception messages reveal internals (SQL, paths, keys); log it and answer a generic message`,
    fixes: () => [errorDetailsFix(ctx, site)],
  });
}

export const python: PyDetector = {
  nodeTypes: ['call', 'return_statement'],
  requires: /\bexcept\b|errorhandler|exception_handler/,
  visit(node: Node, ctx: PyContext) {
    if (node.type === 'call') {
      const f = node.childForFieldName('function');
      if (!f || (f.type !== 'identifier' && f.type !== 'attribute')) return;
      const last = f.type === 'attribute' ? f.childForFieldName('attribute')!.text : f.text;
      // cheap test first: a response-like name, or a name imported under an alias (`JsonResponse as JR`)
      if (!/Response|make_response|jsonify|abort|HTTPException|APIException/.test(last) && !(f.type === 'identifier' && ctx.bindings.imports.has(last))) return;
      // a name imported from elsewhere than a web framework is no response: do not resolve it
      // (resolving a project import parses that module)
      let head: Node = f;
      while (head.type === 'attribute') head = head.childForFieldName('object')!;
      const imported = head.type === 'identifier' ? ctx.bindings.imports.get(head.text) : undefined;
      if (imported !== undefined && !FRAMEWORK_MODULES.test(imported)) return;
      const ec = exceptionContext(node, fileHasHandlerFunctions(ctx.file.text));
      if (!ec) return;
      const q = ctx.bindings.resolve(f);
      const kind = q ? sinkKind(q) : null;
      if (!kind) return;
      // `make_response(jsonify(...), 503)`: reported once, on the call that knows the status
      if (kind === 'jsonify' && node.parent?.type === 'argument_list' && /make_response$/.test(node.parent.parent?.childForFieldName('function')?.text ?? '')) return;
      if (isPythonTestCode(ctx.file.path, ctx.file.text)) return;
      report(ctx, node, payloadArgs(node, kind), ec, responseStatus(node, kind, q!), `\`${f.text}(...)\``);
      return;
    }
    // Flask: `return {"error": str(e)}, 500` / `return str(e), 500` / `return {"error": str(e)}`
    const value = node.namedChildren[0];
    if (!value) return;
    const body = value.type === 'expression_list' ? value.namedChildren[0] : value;
    if (!body || (body.type !== 'dictionary' && body.type !== 'string' && body.type !== 'call' && body.type !== 'binary_operator' && body.type !== 'identifier')) return;
    if (body.type === 'call') {
      // a response call is reported on its own; `str(e)` as a whole body is not
      const f = body.childForFieldName('function');
      if (!f || !/^(str|repr|format)$/.test(f.text)) return;
    }
    const ec = exceptionContext(node, fileHasHandlerFunctions(ctx.file.text));
    if (!ec) return;
    const fn = enclosingFn(node);
    if (ec.kind === 'except' && !isFlaskView(fn, ctx)) return;
    if (ec.kind === 'handler' && !isFlaskView(fn, ctx) && !decorators(fn!).some((d) => /errorhandler/.test(d.text))) return;
    if (isPythonTestCode(ctx.file.path, ctx.file.text)) return;
    const status = value.type === 'expression_list' ? statusValue(value.namedChildren[1]) : 200;
    report(ctx, node, [body], ec, status, 'This response');
  },
};
