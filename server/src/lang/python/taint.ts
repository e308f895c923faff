/**
 * Where a value comes from, inside one function: the data flow the injection
 * rules (sql-string-format, command-injection, path-traversal) share.
 *
 * Levels, from harmless to hostile:
 *   const    literals, module constants, f-strings / `+` / `%` / `.format` of constants,
 *            a lookup into a constant table (`COLUMNS[sort]`: the value is the table's)
 *   safe     passed through a sanitiser (`shlex.quote`, `int()`, `secure_filename`,
 *            `get_valid_filename`, `os.path.basename`, `connection.ops.quote_name`), or a
 *            name checked against an allow-list (`if x not in ALLOWED: return`)
 *   unknown  anything else: a parameter of a plain function, a call's result, an attribute
 *   request  a request value: Django / DRF `request.GET/POST/data/FILES/...` (the `request`
 *            parameter of a view or method, `self.request`), Flask's imported `request`,
 *            the parameters of a Flask / FastAPI route handler and a Django view's URL kwargs
 *
 * Values are followed through local assignments (every assignment before the use, `+=`
 * included), f-strings, concatenation, `%`, `.format`, `str()` and string methods.
 */
import type { Node } from './tree';
import type { PyBindings } from './bindings';
import { parameterNames } from './ast';
import { descendantsNoNested, enclosingFunction } from './django';

export const CONST = 0;
export const SAFE = 1;
export const UNKNOWN = 2;
export const REQUEST = 3;
export type Level = 0 | 1 | 2 | 3;

const REQUEST_ATTRS = new Set([
  'GET', 'POST', 'data', 'FILES', 'query_params', 'body', 'META', 'COOKIES', 'headers', 'path', 'path_info',
  'args', 'form', 'values', 'json', 'files', 'cookies', 'get_json', 'view_args', 'url', 'query_string', 'content',
]);
const SANITISER_QNAMES = new Set([
  'shlex.quote', 'shlex.join', 'pipes.quote', 'werkzeug.utils.secure_filename', 'werkzeug.secure_filename',
  'django.utils.text.get_valid_filename', 'os.path.basename', 'posixpath.basename', 'ntpath.basename',
  'uuid.UUID', 'json.dumps',
]);
const BUILTIN_SANITISERS = new Set(['int', 'float', 'bool', 'len', 'round', 'abs', 'hash', 'ord', 'id']);
/** Methods whose result carries the taint of the object they are called on. */
const PASS_METHODS = new Set(['strip', 'lstrip', 'rstrip', 'lower', 'upper', 'title', 'casefold', 'replace', 'encode', 'decode', 'get', 'getlist', 'pop', 'split', 'read', 'format_map', 'removeprefix', 'removesuffix', 'zfill', 'center', 'ljust', 'rjust', 'capitalize']);
/** Route decorators whose function's parameters come from the URL or the request (Flask, FastAPI, Starlette). */
const ROUTE_DECORATORS = new Set(['route', 'get', 'post', 'put', 'patch', 'delete', 'api_route', 'websocket', 'head', 'options']);

export interface TaintContext {
  bindings: PyBindings;
  root: Node;
  /**
   * For path rules: a Flask / Quart route parameter counts as a request value only when its
   * converter takes slashes (`<path:name>`); `<name>`, `<int:id>` never hold a `/`.
   */
  pathSegments?: boolean;
}

/** The converter a Flask route gives a parameter (`<path:name>` -> "path"), or null when no route of the function names it. */
function routeConverter(fn: Node, name: string): string | null {
  for (const d of decorators(fn)) {
    const route = /["']([^"']*)["']/.exec(d.text)?.[1] ?? '';
    const m = new RegExp(`<(?:(\\w+)(?:\\([^)]*\\))?:)?${name}>`).exec(route);
    if (m) return m[1] ?? 'string';
  }
  return null;
}

function max(a: Level, b: Level): Level {
  return (a > b ? a : b) as Level;
}

/** The decorators of a function definition. */
function decorators(fn: Node): Node[] {
  const p = fn.parent;
  if (p?.type !== 'decorated_definition') return [];
  return p.namedChildren.filter((c) => c.type === 'decorator');
}

/** A Flask / FastAPI route handler: decorated with `@x.route(...)`, `@router.get(...)`. */
export function isRouteHandler(fn: Node): boolean {
  return decorators(fn).some((d) => {
    const e = d.namedChildren[0];
    const callee = e?.type === 'call' ? e.childForFieldName('function') : e;
    return callee?.type === 'attribute' && ROUTE_DECORATORS.has(callee.childForFieldName('attribute')?.text ?? '');
  });
}

/** The name a view's request parameter has: `request` / `req` of a function or method. */
function requestParam(fn: Node): string | null {
  const params = parameterNames(fn);
  const i = params[0] === 'self' || params[0] === 'cls' ? 1 : 0;
  return params[i] === 'request' || params[i] === 'req' ? params[i] : null;
}

/** Parameters whose values come from the request: URL kwargs of a Django view, every parameter of a route handler (FastAPI `Depends(...)` excepted). */
function isRequestParam(fn: Node, name: string, ctx?: TaintContext): boolean {
  const params = parameterNames(fn);
  const req = requestParam(fn);
  if (req) return name === req || params.indexOf(name) > params.indexOf(req);
  if (!isRouteHandler(fn)) return false;
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    const id = p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c.type === 'identifier'));
    if (id?.text !== name) continue;
    const def = p.childForFieldName('value');
    if (def?.type === 'call' && /^(?:\w+\.)?(?:Depends|Security)$/.test(def.childForFieldName('function')?.text ?? '')) return false;
    // FastAPI validates an annotated number, boolean or UUID before the handler runs: no text reaches it
    // (Flask ignores annotations: only its converters convert)
    const type = p.childForFieldName('type')?.text ?? '';
    if (/^(?:int|float|bool|(?:uuid\.)?UUID|(?:datetime\.)?(?:date|datetime))$/.test(type) && ctx && /^\s*(?:from|import)\s+fastapi\b/m.test(ctx.root.text)) return false;
    if (ctx?.pathSegments) {
      const conv = routeConverter(fn, name);
      if (conv !== null && conv !== 'path') return false;
    }
    return name !== 'self' && name !== 'cls';
  }
  return false;
}

/** Is `expr` (an identifier or `self.request`) the request object? */
function isRequestObject(expr: Node, fn: Node | null, ctx: TaintContext): boolean {
  if (expr.type === 'identifier') {
    const name = expr.text;
    for (let f = fn; f; f = enclosingFunction(f)) {
      const params = parameterNames(f);
      if (params.includes(name)) return requestParam(f) === name || (name === 'request' && isRouteHandler(f));
    }
    const imported = ctx.bindings.imports.get(name);
    return imported === 'flask.request' || imported === 'quart.request';
  }
  if (expr.type === 'attribute') {
    return expr.childForFieldName('attribute')?.text === 'request' && expr.childForFieldName('object')?.text === 'self';
  }
  return false;
}

/** Values assigned to a local before `at` (loop targets and unpacking: null, unknown). */
function localAssignments(fn: Node, name: string, at: number): Array<Node | null> | null {
  const body = fn.childForFieldName('body');
  if (!body || !body.text.includes(name)) return null;
  const out: Array<Node | null> = [];
  let assigned = false;
  for (const n of descendantsNoNested(body, (c) => c.type === 'assignment' || c.type === 'augmented_assignment' || c.type === 'for_statement' || c.type === 'as_pattern' || c.type === 'named_expression')) {
    if (n.startIndex >= at) break;
    if (n.type === 'assignment' || n.type === 'augmented_assignment') {
      const left = n.childForFieldName('left');
      if (!left) continue;
      if (left.type === 'identifier') {
        if (left.text !== name) continue;
        assigned = true;
        out.push(n.childForFieldName('right'));
      } else if ((left.type === 'pattern_list' || left.type === 'tuple_pattern') && left.namedChildren.some((c) => c.text === name)) {
        assigned = true;
        out.push(n.childForFieldName('right')); // unpacking: the taint of the whole value
      }
    } else if (n.type === 'for_statement') {
      const left = n.childForFieldName('left');
      if (left && new RegExp(`\\b${name}\\b`).test(left.text)) {
        assigned = true;
        out.push(n.childForFieldName('right')); // a loop over a value: its elements carry its taint
      }
    } else if (n.type === 'as_pattern') {
      const alias = n.childForFieldName('alias') ?? n.namedChildren[1];
      if (alias?.text === name) {
        assigned = true;
        out.push(null);
      }
    } else if (n.childForFieldName('name')?.text === name) {
      assigned = true;
      out.push(n.childForFieldName('value'));
    }
  }
  return assigned ? out : null;
}

/**
 * `if name not in ALLOWED: return/raise` (or `name = DEFAULT`, a literal or a constant) before
 * `at`, or the use inside `if name in ALLOWED:`.
 */
function allowListed(fn: Node, name: string, use: Node): boolean {
  const body = fn.childForFieldName('body');
  if (!body || !/\bin\b/.test(body.text)) return false;
  for (let p = use.parent; p && p !== fn; p = p.parent) {
    if (p.type === 'if_statement' && membership(p.childForFieldName('condition'), name, false) && isInside(use, p.childForFieldName('consequence'))) return true;
  }
  for (const n of descendantsNoNested(body, (c) => c.type === 'if_statement')) {
    if (n.startIndex >= use.startIndex) break;
    if (!membership(n.childForFieldName('condition'), name, true)) continue;
    const last = n.childForFieldName('consequence')?.namedChildren.at(-1);
    if (last && (last.type === 'return_statement' || last.type === 'raise_statement' || /^(?:abort|raise_)\w*\(|Http404|PermissionDenied/.test(last.text))) return true;
    // `if sort not in SORTS: sort = "created"`: past the check the name holds an allowed value or the default
    const reset = last?.type === 'expression_statement' ? last.namedChildren[0] : null;
    const value = reset?.type === 'assignment' && reset.childForFieldName('left')?.text === name ? reset.childForFieldName('right') : null;
    if (value && (['string', 'integer', 'float', 'none', 'true', 'false'].includes(value.type) && !value.namedChildren.some((c) => c.type === 'interpolation') || /^(?:[\w.]+\.)?[A-Z][A-Z0-9_]*$/.test(value.text))) return true;
  }
  return false;
}

function isInside(n: Node, outer: Node | null): boolean {
  return !!outer && n.startIndex >= outer.startIndex && n.endIndex <= outer.endIndex;
}

function membership(cond: Node | null, name: string, negated: boolean): boolean {
  if (!cond) return false;
  const m = /^\(?\s*([\w.]+)\s+(not\s+in|in)\s+\S/.exec(cond.text);
  return !!m && m[1] === name && (m[2] !== 'in') === negated;
}

/** Every module-level assignment of `name` is a constant. */
function moduleConstant(ctx: TaintContext, name: string, depth: number): Level | null {
  let seen: Level | null = null;
  for (const stmt of ctx.root.namedChildren) {
    const a = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : null;
    if (a?.type !== 'assignment' || a.childForFieldName('left')?.text !== name) continue;
    const right = a.childForFieldName('right');
    const l = right ? levelOf(right, null, ctx, depth + 1) : UNKNOWN;
    seen = seen === null ? l : max(seen, l);
  }
  return seen;
}

/** The taint level of an expression evaluated inside `fn` (null: module level). */
export function levelOf(expr: Node, fn: Node | null, ctx: TaintContext, depth = 0): Level {
  if (depth > 10) return UNKNOWN;
  switch (expr.type) {
    case 'string': {
      let l: Level = CONST;
      for (const c of expr.namedChildren) {
        if (c.type === 'interpolation') {
          const e = c.namedChildren[0];
          if (e) l = max(l, levelOf(e, fn, ctx, depth + 1));
        }
      }
      return l;
    }
    case 'concatenated_string':
    case 'tuple':
    case 'list':
    case 'set':
    case 'parenthesized_expression':
    case 'expression_list':
    case 'binary_operator':
    case 'boolean_operator':
    case 'dictionary':
    case 'pair':
    case 'list_splat':
    case 'conditional_expression': {
      let l: Level = CONST;
      for (const c of expr.namedChildren) {
        if (c.type === 'comment') continue;
        // `a if cond else b`: the condition is not the value
        if (expr.type === 'conditional_expression' && c === expr.namedChildren[1]) continue;
        l = max(l, levelOf(c, fn, ctx, depth + 1));
      }
      return l;
    }
    case 'integer':
    case 'float':
    case 'true':
    case 'false':
    case 'none':
    case 'unary_operator':
    case 'comparison_operator':
    case 'not_operator':
      return expr.type === 'unary_operator' ? levelOf(expr.namedChildren[0] ?? expr, fn, ctx, depth + 1) : CONST;
    case 'keyword_argument': {
      const v = expr.childForFieldName('value');
      return v ? levelOf(v, fn, ctx, depth + 1) : CONST;
    }
    case 'list_comprehension':
    case 'generator_expression':
    case 'set_comprehension': {
      // `", ".join(f"{c} = %s" for c in cols)`: the element built from the iterated value
      let l: Level = CONST;
      for (const c of expr.namedChildren) {
        if (c.type === 'for_in_clause') {
          const right = c.childForFieldName('right');
          if (right) l = max(l, levelOf(right, fn, ctx, depth + 1));
        } else if (c.type !== 'if_clause') {
          l = max(l, levelOfIgnoring(c, fn, ctx, depth, expr));
        }
      }
      return l;
    }
    case 'identifier':
      return identifierLevel(expr, fn, ctx, depth);
    case 'attribute': {
      const obj = expr.childForFieldName('object');
      const attr = expr.childForFieldName('attribute')?.text ?? '';
      if (isRequestObject(expr, fn, ctx)) return REQUEST;
      if (!obj) return UNKNOWN;
      if (isRequestObject(obj, fn, ctx)) return REQUEST_ATTRS.has(attr) || attr === 'user' ? (attr === 'user' ? UNKNOWN : REQUEST) : UNKNOWN;
      if (/^[A-Z][A-Z0-9_]+$/.test(attr) || obj.text.endsWith('_meta') || attr === '_meta') return CONST; // settings.X, Model._meta.db_table
      const l = levelOf(obj, fn, ctx, depth + 1);
      return l === CONST && obj.type === 'identifier' && ctx.bindings.imports.has(obj.text) ? CONST : l === REQUEST ? REQUEST : max(l, UNKNOWN);
    }
    case 'subscript': {
      const obj = expr.childForFieldName('value');
      if (!obj) return UNKNOWN;
      // a lookup into a constant table gives the table's value, whatever the key
      return levelOf(obj, fn, ctx, depth + 1);
    }
    case 'call':
      return callLevel(expr, fn, ctx, depth);
    case 'await':
      return expr.namedChildren[0] ? levelOf(expr.namedChildren[0], fn, ctx, depth + 1) : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

/** The element of a comprehension, with the comprehension's own loop variables counted as their iterable (already taken into account). */
function levelOfIgnoring(e: Node, fn: Node | null, ctx: TaintContext, depth: number, comp: Node): Level {
  const loopVars = new Set<string>();
  for (const c of comp.namedChildren) if (c.type === 'for_in_clause') for (const id of (c.childForFieldName('left')?.text ?? '').split(/[\s,()]+/)) if (id) loopVars.add(id);
  if (e.type === 'identifier' && loopVars.has(e.text)) return CONST;
  if (e.type === 'string') {
    let l: Level = CONST;
    for (const c of e.namedChildren) {
      if (c.type !== 'interpolation') continue;
      const x = c.namedChildren[0];
      if (x && !(x.type === 'identifier' && loopVars.has(x.text))) l = max(l, levelOf(x, fn, ctx, depth + 1));
    }
    return l;
  }
  return levelOf(e, fn, ctx, depth + 1);
}

function identifierLevel(id: Node, fn: Node | null, ctx: TaintContext, depth: number): Level {
  const name = id.text;
  for (let f = fn; f; f = enclosingFunction(f)) {
    const values = localAssignments(f, name, id.startIndex);
    if (values) {
      if (allowListed(f, name, id)) return SAFE;
      let l: Level = CONST;
      for (const v of values) l = max(l, v ? levelOf(v, f, ctx, depth + 1) : UNKNOWN);
      if (l >= UNKNOWN && parameterNames(f).includes(name)) l = max(l, isRequestParam(f, name, ctx) ? REQUEST : UNKNOWN);
      return l;
    }
    if (parameterNames(f).includes(name)) {
      if (allowListed(f, name, id)) return SAFE;
      if (isRequestObject(id, f, ctx)) return REQUEST;
      return isRequestParam(f, name, ctx) ? REQUEST : UNKNOWN;
    }
  }
  const imported = ctx.bindings.imports.get(name);
  if (imported !== undefined) {
    if (imported === 'flask.request' || imported === 'quart.request') return REQUEST;
    return /^[A-Z][A-Z0-9_]*$/.test(name) ? CONST : CONST; // a module, a class, an imported constant: code, not input
  }
  const m = moduleConstant(ctx, name, depth);
  if (m !== null) return m;
  // a module-level function or class, a builtin
  return ctx.root.namedChildren.some((s) => (s.type === 'function_definition' || s.type === 'class_definition') && s.childForFieldName('name')?.text === name) ? CONST : UNKNOWN;
}

function callLevel(call: Node, fn: Node | null, ctx: TaintContext, depth: number): Level {
  const callee = call.childForFieldName('function');
  const args = call.childForFieldName('arguments');
  if (!callee) return UNKNOWN;
  if (callee.type === 'identifier' && BUILTIN_SANITISERS.has(callee.text) && !ctx.bindings.imports.has(callee.text)) return SAFE;
  const argLevel = (): Level => {
    let l: Level = CONST;
    for (const a of args?.namedChildren ?? []) if (a.type !== 'comment') l = max(l, levelOf(a, fn, ctx, depth + 1));
    return l;
  };
  if (callee.type === 'identifier' && (callee.text === 'str' || callee.text === 'repr') && !ctx.bindings.imports.has(callee.text)) return argLevel();
  if (callee.type === 'attribute') {
    const attr = callee.childForFieldName('attribute')?.text ?? '';
    const obj = callee.childForFieldName('object');
    if (attr === 'quote_name' || (attr === 'quote' || attr === 'join') && obj?.text === 'shlex' || attr === 'isdigit') return SAFE;
    if (obj && attr === 'format') return max(levelOf(obj, fn, ctx, depth + 1), argLevel());
    if (obj && attr === 'join') return obj.type === 'string' ? max(levelOf(obj, fn, ctx, depth + 1), argLevel()) : argLevel();
    if (obj && isRequestObject(obj, fn, ctx)) return REQUEST_ATTRS.has(attr) || attr.startsWith('get') ? REQUEST : UNKNOWN;
    if (obj && PASS_METHODS.has(attr)) return max(levelOf(obj, fn, ctx, depth + 1), attr === 'get' || attr === 'pop' ? CONST : argLevel());
  }
  if (callee.type === 'identifier' || callee.type === 'attribute') {
    const q = ctx.bindings.resolve(callee);
    if (q && SANITISER_QNAMES.has(q)) return SAFE;
    if (q === 'os.path.join' || q === 'posixpath.join' || q === 'pathlib.Path' || q === 'os.fspath' || q === 'os.path.normpath' || q === 'os.path.abspath') return argLevel();
    if (callee.type === 'identifier' && /^(?:secure_filename|get_valid_filename|quote)$/.test(callee.text)) return SAFE;
  }
  return UNKNOWN;
}

/** The values a name or expression may hold, following a local identifier to what was assigned to it (for "is this string built here?"). */
export function builtValues(expr: Node, fn: Node | null, depth = 0): Node[] {
  if (expr.type === 'parenthesized_expression' && expr.namedChildren[0]) return builtValues(expr.namedChildren[0], fn, depth);
  if (expr.type !== 'identifier' || !fn || depth > 4) return [expr];
  const values = localAssignments(fn, expr.text, expr.startIndex);
  if (!values) return [expr];
  const out: Node[] = [];
  for (const v of values) if (v) out.push(...builtValues(v, fn, depth + 1));
  return out;
}

/** A string built at run time: an f-string with an interpolation, `+`, `%`, `.format(...)`, `"".join(...)`. */
export function isBuiltString(e: Node): boolean {
  if (e.type === 'string') return e.namedChildren.some((c) => c.type === 'interpolation');
  if (e.type === 'concatenated_string') return e.namedChildren.some(isBuiltString);
  if (e.type === 'binary_operator') {
    const op = e.children.find((c) => !c.isNamed)?.text;
    return op === '+' || op === '%';
  }
  if (e.type === 'call') {
    const callee = e.childForFieldName('function');
    const attr = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : null;
    // psycopg's `sql.SQL("... {}").format(sql.Identifier(x))` composes quoted identifiers and literals: no string is built
    const obj = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
    if (attr === 'format') return !(obj?.type === 'call' && /(?:^|\.)SQL$/.test(obj.childForFieldName('function')?.text ?? ''));
    return attr === 'join' && obj?.type === 'string';
  }
  return false;
}
