/**
 * jscodeshift transform: error handlers stop sending the error's text to the client.
 *
 *   } catch (err) {
 *     res.status(500).json({ error: err.message, requestId });
 *   }
 * becomes
 *   } catch (err) {
 *     console.error(err);
 *     res.status(500).json({ error: "Internal server error", requestId });
 *   }
 *
 * Only the values that carry the error change (other fields and the status stay); a
 * template literal keeps its own words (`` `Payment failed: ${err.message}` `` ->
 * `"Payment failed"`); a local that only held the text goes with it. The error is logged
 * first thing in the handler with the logger in scope (`logger`, `log`, `this.logger`) or
 * `console.error`, unless the handler already logs it; a log call without the error gets
 * it as a last argument. An expression-bodied `.catch((err) => res.status(500).json(...))`
 * becomes a block. Edits are spliced into the original text (layout and quotes kept).
 *
 * Standalone: `npx jscodeshift -t codemods/js/error-details-in-response.ts --parser=tsx src/`
 * (every site); the engine passes `options.range` to change one site.
 */
import type { API, FileInfo } from 'jscodeshift';
import { parseProgram, type CodemodOptions } from '../lib/jscodeshift';

type AnyNode = { type: string; start: number; end: number; [k: string]: any };
interface Edit {
  start: number;
  end: number;
  text: string;
}

const TEXT_PROPS = new Set(['message', 'stack', 'toString', 'sqlMessage', 'sql', 'stderr', 'cause']);
const RESPONSE_NAMES = /^(res|response|resp|reply|rep)$/;
const STACK_KEYS = /^(stack|stackTrace|stacktrace|trace|traceback)$/;
const SEND_METHODS = new Set(['json', 'send', 'end', 'jsonp']);
const SKIP_KEYS = new Set(['loc', 'start', 'end', 'extra', 'comments', 'leadingComments', 'trailingComments', 'innerComments', 'tokens', 'range']);
const MESSAGES: Record<number, string> = { 400: 'Bad request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found', 409: 'Conflict', 422: 'Invalid request', 429: 'Too many requests', 502: 'Bad gateway', 503: 'Service unavailable', 504: 'Gateway timeout' };

function genericMessage(status: number | null): string {
  if (status !== null && MESSAGES[status]) return MESSAGES[status];
  if (status !== null && status >= 400 && status < 500) return 'Request failed';
  return 'Internal server error';
}

function walk(node: AnyNode, parents: AnyNode[], visit: (n: AnyNode, parents: AnyNode[]) => void): void {
  visit(node, parents);
  parents.push(node);
  for (const key of Object.keys(node)) {
    if (SKIP_KEYS.has(key)) continue;
    const v = node[key];
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c.type === 'string') walk(c, parents, visit);
    } else if (v && typeof v.type === 'string') walk(v, parents, visit);
  }
  parents.pop();
}

function isFunction(n: AnyNode): boolean {
  return /^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression|ObjectMethod|ClassMethod|ClassPrivateMethod)$/.test(n.type);
}

function unwrap(n: AnyNode): AnyNode {
  let cur = n;
  while (cur && /^(TSAsExpression|TSNonNullExpression|ParenthesizedExpression|TSSatisfiesExpression)$/.test(cur.type)) cur = cur.expression;
  return cur;
}

function isMember(n: AnyNode): boolean {
  return n?.type === 'MemberExpression' || n?.type === 'OptionalMemberExpression';
}

function propName(m: AnyNode): string | null {
  if (!m.computed && m.property?.type === 'Identifier') return m.property.name;
  if (m.computed && m.property?.type === 'StringLiteral') return m.property.value;
  return null;
}

interface Handler {
  name: string;
  /** the block the error is in hand (catch body or function body); null for an expression-bodied arrow */
  block: AnyNode | null;
  fn: AnyNode | null;
  /** expression-bodied arrow handler */
  arrow: AnyNode | null;
}

function handlerFunctionName(fn: AnyNode, parent: AnyNode | undefined): string | null {
  const p0 = fn.params?.[0];
  const first = p0?.type === 'Identifier' ? p0.name : null;
  if (parent && (parent.type === 'CallExpression' || parent.type === 'OptionalCallExpression') && isMember(parent.callee)) {
    const m = propName(parent.callee);
    if (m === 'catch' && parent.arguments[0] === fn) return first;
    if (m === 'setErrorHandler') return first;
  }
  if (fn.params?.length === 4 && first && /^(err|error|e|ex|exc|exception)$/i.test(first)) return first;
  return null;
}

function handlerOf(parents: AnyNode[]): Handler | null {
  for (let i = parents.length - 1; i >= 0; i--) {
    const p = parents[i];
    if (p.type === 'CatchClause') {
      if (p.param?.type !== 'Identifier') return null;
      let fn: AnyNode | null = null;
      for (let k = i - 1; k >= 0; k--) if (isFunction(parents[k])) { fn = parents[k]; break; }
      return { name: p.param.name, block: p.body, fn, arrow: null };
    }
    if (isFunction(p)) {
      const name = handlerFunctionName(p, parents[i - 1]);
      if (!name) return null;
      const block = p.body?.type === 'BlockStatement' ? p.body : null;
      return { name, block, fn: p, arrow: block ? null : p };
    }
    if (p.type === 'ClassBody') return null;
  }
  return null;
}

/** Does the expression carry the error's text (`err.message`, `err`, a tainted local)? */
function carries(n: AnyNode | null | undefined, exc: string, locals: Set<string>): boolean {
  if (!n) return false;
  const top = unwrap(n);
  if (top.type === 'Identifier' && (top.name === exc || locals.has(top.name))) return true;
  let found = false;
  const visit = (x: AnyNode, parent: AnyNode | null): void => {
    if (found || !x || typeof x.type !== 'string') return;
    if (x.type === 'Identifier') {
      if (parent && isMember(parent) && parent.property === x && !parent.computed) return;
      if (parent && (parent.type === 'ObjectProperty') && parent.key === x && !parent.computed && !parent.shorthand) return;
      if (locals.has(x.name)) found = true;
      else if (x.name === exc && textUse(parent)) found = true;
      return;
    }
    if (isFunction(x)) return;
    if (x.type === 'BinaryExpression' && x.operator === 'instanceof') return;
    if (x.type === 'UnaryExpression' && (x.operator === 'typeof' || x.operator === '!')) return;
    if (x.type === 'ConditionalExpression') {
      // `status < 500 ? message : "Internal server error"` (as the detector reads it)
      const t = x.test;
      const op = t?.type === 'BinaryExpression' && t.right?.type === 'NumericLiteral' && t.right.value === 500 ? t.operator : null;
      if (op !== '<') visit(x.consequent, x);
      if (op !== '>=') visit(x.alternate, x);
      return;
    }
    for (const key of Object.keys(x)) {
      if (SKIP_KEYS.has(key)) continue;
      const v = x[key];
      if (Array.isArray(v)) for (const c of v) visit(c, x);
      else if (v && typeof v.type === 'string') visit(v, x);
    }
  };
  visit(n, null);
  return found;
}

function textUse(parent: AnyNode | null): boolean {
  if (!parent) return true;
  if (isMember(parent)) return TEXT_PROPS.has(propName(parent) ?? '');
  if (parent.type === 'BinaryExpression' && /^[!=]==?$/.test(parent.operator)) return false;
  if (parent.type === 'LogicalExpression') return true;
  if (parent.type === 'CallExpression' || parent.type === 'OptionalCallExpression') {
    const callee = parent.callee;
    const text = callee.type === 'Identifier' ? callee.name : isMember(callee) ? `${callee.object?.name ?? ''}.${propName(callee) ?? ''}` : '';
    return /^(String|JSON\.stringify|util\.inspect|inspect|format|util\.format)$/.test(text);
  }
  return true;
}

interface Decl {
  name: string;
  value: AnyNode;
  /** the declaration statement (for removal) when it declares only this name */
  stmt: AnyNode | null;
  object: boolean;
}

function localDecls(fn: AnyNode | null, before: number): Decl[] {
  const out: Decl[] = [];
  if (!fn) return out;
  walk(fn, [], (n, parents) => {
    if (n.start >= before) return;
    if (n.type === 'VariableDeclarator' && n.id?.type === 'Identifier' && n.init) {
      const decl = parents[parents.length - 1];
      out.push({ name: n.id.name, value: n.init, stmt: decl?.declarations?.length === 1 ? decl : null, object: unwrap(n.init).type === 'ObjectExpression' });
    }
    if (n.type === 'AssignmentExpression' && n.operator === '=') {
      let t = n.left;
      const viaMember = isMember(t);
      while (isMember(t)) t = t.object;
      if (t?.type === 'Identifier') out.push({ name: t.name, value: n.right, stmt: null, object: viaMember || unwrap(n.right).type === 'ObjectExpression' });
    }
  });
  return out;
}

function taint(decls: Decl[], exc: string): Set<string> {
  const locals = new Set<string>();
  for (let round = 0; round < 3; round++) {
    const size = locals.size;
    for (const d of decls) if (d.name !== exc && !locals.has(d.name) && carries(d.value, exc, locals)) locals.add(d.name);
    if (locals.size === size) break;
  }
  return locals;
}

function countUses(root: AnyNode, name: string): number {
  let count = 0;
  const visit = (x: AnyNode, parent: AnyNode | null): void => {
    if (!x || typeof x.type !== 'string') return;
    if (x.type === 'Identifier' && x.name === name) {
      const prop = parent && isMember(parent) && parent.property === x && !parent.computed;
      const key = parent?.type === 'ObjectProperty' && parent.key === x && !parent.computed;
      if (!prop && !key) count++;
      return;
    }
    for (const key of Object.keys(x)) {
      if (SKIP_KEYS.has(key)) continue;
      const v = x[key];
      if (Array.isArray(v)) for (const c of v) visit(c, x);
      else if (v && typeof v.type === 'string') visit(v, x);
    }
  };
  visit(root, null);
  return count;
}

// ------------------------------------------------------------------ sinks

interface Sink {
  node: AnyNode;
  payload: AnyNode;
  status: number | null;
  /** `res.status(status)`: a status held in a local, so 4xx texts can stay */
  statusVar?: string;
}

function numberOf(n: AnyNode | undefined): number | null {
  if (!n) return null;
  const u = unwrap(n);
  if (u.type === 'NumericLiteral') return u.value;
  const m = /(?:^|_)(\d{3})(?:_|$)/.exec(isMember(u) ? propName(u) ?? '' : '');
  if (m) return Number(m[1]);
  if (isMember(u)) {
    const named: Record<string, number> = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, UNPROCESSABLE_ENTITY: 422, INTERNAL_SERVER_ERROR: 500, BAD_GATEWAY: 502, SERVICE_UNAVAILABLE: 503 };
    const p = propName(u);
    if (p && named[p]) return named[p];
  }
  return null;
}

/** `trusted`: the engine already resolved the receiver (a range was given), only the shape is checked. */
function sinkOf(n: AnyNode, parents: AnyNode[], trusted: boolean): Sink | null {
  if (n.type === 'CallExpression' && isMember(n.callee)) {
    const method = propName(n.callee);
    if (method && SEND_METHODS.has(method) && n.arguments[0]) {
      let cur = n.callee.object;
      let status: number | null = null;
      let statusVar: string | undefined;
      while (cur?.type === 'CallExpression' && isMember(cur.callee) && /^(status|code|type|set|header|setHeader|contentType)$/.test(propName(cur.callee) ?? '')) {
        if (/^(status|code)$/.test(propName(cur.callee)!)) {
          status = numberOf(cur.arguments[0]);
          if (cur.arguments[0]?.type === 'Identifier') statusVar = cur.arguments[0].name;
          else if (cur.arguments[0] && status === null && plainStatus(cur.arguments[0])) statusVar = `(${exprText(cur.arguments[0])})`;
        }
        cur = cur.callee.object;
      }
      if (cur?.type === 'Identifier' && (trusted || RESPONSE_NAMES.test(cur.name))) return { node: n, payload: n.arguments[0], status, statusVar };
    }
    if (method === 'json' && n.callee.object?.type === 'Identifier' && /^(NextResponse|Response)$/.test(n.callee.object.name) && n.arguments[0]) {
      return { node: n, payload: n.arguments[0], status: initStatus(n.arguments[1]) };
    }
  }
  if (n.type === 'NewExpression' && n.callee?.type === 'Identifier' && n.arguments?.[0]) {
    if (/^(NextResponse|Response)$/.test(n.callee.name)) return { node: n, payload: n.arguments[0], status: initStatus(n.arguments[1]) };
    if (/Exception$/.test(n.callee.name) && parents[parents.length - 1]?.type === 'ThrowStatement') {
      const byName: Record<string, number> = { BadRequestException: 400, UnauthorizedException: 401, ForbiddenException: 403, NotFoundException: 404, ConflictException: 409, UnprocessableEntityException: 422 };
      return { node: n, payload: n.arguments[0], status: byName[n.callee.name] ?? numberOf(n.arguments[1]) ?? 500 };
    }
  }
  return null;
}

/** `err.status || 500`, `error.statusCode ?? 500`: reads and defaults, nothing that runs twice. */
function plainStatus(n: AnyNode): boolean {
  if (n.type === 'Identifier' || n.type === 'NumericLiteral') return true;
  if (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') return !n.computed && plainStatus(n.object);
  if (n.type === 'LogicalExpression') return (n.operator === '||' || n.operator === '??') && plainStatus(n.left) && plainStatus(n.right);
  return false;
}

let currentSource = '';
function exprText(n: AnyNode): string {
  return currentSource.slice(n.start, n.end);
}

function initStatus(init: AnyNode | undefined): number | null {
  const o = init ? unwrap(init) : null;
  if (o?.type !== 'ObjectExpression') return null;
  const p = o.properties.find((x: AnyNode) => x.type === 'ObjectProperty' && x.key?.name === 'status');
  return p ? numberOf(p.value) : null;
}

// ------------------------------------------------------------------ rewrite

interface Ctx {
  src: string;
  quote: string;
  edits: Edit[];
  exc: string;
  locals: Set<string>;
  decls: Decl[];
  fn: AnyNode | null;
  status: number | null;
  /** locals replaced at the sink: their declarations may be dead */
  replaced: Set<string>;
  statusVar?: string;
  /** where the response is sent */
  sinkStart: number;
  /** set when no fix can be written: the status a 4xx test needs is not known where the body is built */
  blocked?: boolean;
}

/**
 * Can `status < 500 ? ...` be written at `pos`: is the local declared before it and not assigned
 * again between it and the response (`let statusCode = 500; switch (...) { ... statusCode = 404 }`
 * after the body is built answers with another status than the one read there)?
 */
function statusKnownAt(ctx: Ctx, pos: number): boolean {
  if (!ctx.statusVar || !ctx.fn) return true;
  // the names the status reads: `statusCode`, or `err` of `(err.status || 500)`
  const names = new Set([...ctx.statusVar.matchAll(/(?<![.\w$])[A-Za-z_$][\w$]*/g)].map((m) => m[0]));
  let ok = true;
  walk(ctx.fn, [], (x) => {
    if (!ok) return;
    if (x.type === 'VariableDeclarator' && x.id?.type === 'Identifier' && names.has(x.id.name) && x.end > pos) ok = false;
    const target = x.type === 'AssignmentExpression' ? x.left : x.type === 'UpdateExpression' ? x.argument : null;
    if (target?.type === 'Identifier' && names.has(target.name) && x.start > pos && x.start < ctx.sinkStart) ok = false;
  });
  return ok;
}

function lit(ctx: Ctx, text: string): string {
  return `${ctx.quote}${text.replace(/\\/g, '\\\\').replace(new RegExp(ctx.quote, 'g'), `\\${ctx.quote}`)}${ctx.quote}`;
}

/** `` `Payment failed: ${err.message}` `` / `"Payment failed: " + err.message` -> `Payment failed`. */
function ownWords(ctx: Ctx, n: AnyNode): string | null {
  let text = '';
  if (n.type === 'TemplateLiteral') {
    n.quasis.forEach((q: AnyNode, i: number) => {
      text += q.value.cooked ?? '';
      const e = n.expressions[i];
      if (e) text += carries(e, ctx.exc, ctx.locals) ? '\u0000' : '\u0001';
    });
  } else if (n.type === 'BinaryExpression' && n.operator === '+') {
    const parts: AnyNode[] = [];
    const flat = (x: AnyNode): void => {
      if (x.type === 'BinaryExpression' && x.operator === '+') {
        flat(x.left);
        flat(x.right);
      } else parts.push(x);
    };
    flat(n);
    for (const p of parts) text += p.type === 'StringLiteral' ? p.value : carries(p, ctx.exc, ctx.locals) ? '\u0000' : '\u0001';
  } else return null;
  if (text.includes('\u0001')) return null;
  const pieces = text.split('\u0000');
  const head = pieces[0].replace(/[\s:;,=|\-\u2013\u2014(\[]+$/, '').replace(/[,;(]\s*(error|exception|reason|details?)$/i, '').replace(/[\s:;,=|\-\u2013\u2014(\[]+$/, '').trim();
  if (!/[A-Za-z]{2}/.test(head) || pieces.slice(1).some((t) => /[A-Za-z]{2}/.test(t)) || /[\r\n\\]/.test(head)) return null;
  return head;
}

function replaceWhole(ctx: Ctx, n: AnyNode): void {
  const generic = lit(ctx, ownWords(ctx, unwrap(n)) ?? genericMessage(ctx.status));
  // `res.status(status)`: errors the app answers with a 4xx keep their (public) text
  if (ctx.statusVar) ctx.edits.push({ start: n.start, end: n.end, text: `${ctx.statusVar} < 500 ? ${ctx.src.slice(n.start, n.end)} : ${generic}` });
  else ctx.edits.push({ start: n.start, end: n.end, text: generic });
}

function rewrite(ctx: Ctx, n: AnyNode): void {
  const u = unwrap(n);
  if (u.type === 'ObjectExpression') {
    for (const p of u.properties) {
      if (p.type === 'ObjectProperty' && carries(p.value, ctx.exc, ctx.locals)) {
        const key = p.computed ? null : p.key?.type === 'Identifier' ? p.key.name : p.key?.type === 'StringLiteral' ? p.key.value : null;
        if (key && STACK_KEYS.test(key)) {
          // a stack has no generic equivalent: the field goes (the log keeps it)
          const i = u.properties.indexOf(p);
          const prev = u.properties[i - 1];
          const next = u.properties[i + 1];
          if (prev) ctx.edits.push({ start: prev.end, end: p.end, text: '' });
          else if (next) ctx.edits.push({ start: p.start, end: next.start, text: '' });
          else ctx.edits.push({ start: p.start, end: p.end, text: '' });
          continue;
        }
        if (p.shorthand && ctx.statusVar) {
          ctx.edits.push({ start: p.start, end: p.end, text: `${p.key.name}: ${ctx.statusVar} < 500 ? ${p.key.name} : ${lit(ctx, genericMessage(ctx.status))}` });
        } else if (p.shorthand) {
          ctx.edits.push({ start: p.start, end: p.end, text: `${p.key.name}: ${lit(ctx, genericMessage(ctx.status))}` });
          if (ctx.locals.has(p.key.name)) ctx.replaced.add(p.key.name);
        } else rewrite(ctx, p.value);
      } else if (p.type === 'SpreadElement' && carries(p.argument, ctx.exc, ctx.locals)) {
        ctx.edits.push({ start: p.start, end: p.end, text: `error: ${lit(ctx, genericMessage(ctx.status))}` });
      }
    }
    return;
  }
  if (u.type === 'ArrayExpression') {
    for (const e of u.elements) if (e && carries(e, ctx.exc, ctx.locals)) rewrite(ctx, e);
    return;
  }
  if (u.type === 'CallExpression' && isMember(u.callee) && u.callee.object?.name === 'JSON' && propName(u.callee) === 'stringify' && u.arguments[0] && unwrap(u.arguments[0]).type !== 'Identifier') {
    rewrite(ctx, u.arguments[0]);
    return;
  }
  if (u.type === 'ConditionalExpression') {
    // `err instanceof Error ? err.message : "Unknown error"`: the other branch is already generic
    const other = carries(u.consequent, ctx.exc, ctx.locals) ? u.alternate : u.consequent;
    if (!carries(other, ctx.exc, ctx.locals) && other.type === 'StringLiteral' && /[A-Za-z]{2}/.test(other.value)) {
      ctx.edits.push({ start: n.start, end: n.end, text: ctx.src.slice(other.start, other.end) });
      return;
    }
  }
  if (u.type === 'Identifier' && ctx.locals.has(u.name)) {
    const defs = ctx.decls.filter((d) => d.name === u.name);
    if (defs.length && defs.every((d) => d.object) && ctx.fn && countUses(ctx.fn, u.name) - defs.filter((d) => !d.stmt).length === 2) {
      // a body object built in a local and sent once: rewrite where the error goes in
      for (const d of defs) {
        if (!carries(d.value, ctx.exc, ctx.locals)) continue;
        if (!statusKnownAt(ctx, d.value.start)) ctx.blocked = true;
        rewrite(ctx, d.value);
      }
      return;
    }
    if (!ctx.statusVar) ctx.replaced.add(u.name); // still read for 4xx answers otherwise
  }
  replaceWhole(ctx, n);
}

/** `const message = err.message;` read only by the response: remove it. */
function dropDead(ctx: Ctx): void {
  for (const name of ctx.replaced) {
    const defs = ctx.decls.filter((d) => d.name === name);
    if (defs.length !== 1 || !defs[0].stmt || !ctx.fn) continue;
    if (countUses(ctx.fn, name) !== 2) continue; // the declaration and the response
    const stmt = defs[0].stmt;
    let start = stmt.start;
    while (start > 0 && (ctx.src[start - 1] === ' ' || ctx.src[start - 1] === '\t')) start--;
    let end = stmt.end;
    if (ctx.src[end] === '\r') end++;
    if (ctx.src[end] === '\n') end++;
    if (ctx.edits.some((e) => e.start < end && e.end > start)) continue;
    ctx.edits.push({ start, end, text: '' });
  }
}

// ------------------------------------------------------------------ logging

/** The logger in scope: a module-level `logger`/`log`, `this.logger` in a class that has one, else console. */
function loggerIn(program: AnyNode, parents: AnyNode[], src: string): string {
  for (let i = parents.length - 1; i >= 0; i--) {
    const p = parents[i];
    if (p.type === 'ClassBody') {
      for (const m of p.body) {
        if ((m.type === 'ClassProperty' || m.type === 'ClassPrivateProperty') && /^(logger|log)$/.test(m.key?.name ?? '')) return `this.${m.key.name}`;
        if (m.type === 'ClassMethod' && m.kind === 'constructor') {
          for (const param of m.params) {
            const id = param.type === 'TSParameterProperty' ? param.parameter : null;
            if (id?.type === 'Identifier' && /^(logger|log)$/.test(id.name)) return `this.${id.name}`;
          }
        }
      }
    }
  }
  for (const stmt of program.body) {
    if (stmt.type === 'ImportDeclaration') {
      for (const s of stmt.specifiers) if (/^(logger|log)$/.test(s.local?.name ?? '')) return s.local.name;
    }
    const decl = stmt.type === 'ExportNamedDeclaration' ? stmt.declaration : stmt;
    if (decl?.type === 'VariableDeclaration') {
      for (const d of decl.declarations) if (d.id?.type === 'Identifier' && /^(logger|log)$/.test(d.id.name) && !/console/.test(src.slice(d.start, d.end))) return d.id.name;
    }
  }
  return 'console';
}

/** A log call in the handler: does it pass the error already? */
function existingLog(block: AnyNode, exc: string): { logs: boolean; call: AnyNode | null } {
  let call: AnyNode | null = null;
  let logs = false;
  walk(block, [], (n) => {
    if (logs || n.type !== 'CallExpression' || !isMember(n.callee)) return;
    const m = propName(n.callee);
    const obj = n.callee.object;
    const objText = obj?.type === 'Identifier' ? obj.name : isMember(obj) ? propName(obj) ?? '' : '';
    if (/^(captureException|captureError|notify|report)$/.test(m ?? '') && n.arguments.some((a: AnyNode) => a.type === 'Identifier' && a.name === exc)) logs = true;
    if (!/^(error|exception|fatal|warn|log)$/.test(m ?? '') || !/^(console|logger|log|_logger|this|Logger)$|logger$/i.test(objText)) return;
    if (n.arguments.some((a: AnyNode) => countUses(a, exc) > 0)) logs = true;
    else if (!call && /^(error|fatal)$/.test(m ?? '')) call = n;
  });
  return { logs, call };
}

function indentOf(src: string, offset: number): string {
  let s = offset;
  while (s > 0 && src[s - 1] !== '\n') s--;
  let e = s;
  while (src[e] === ' ' || src[e] === '\t') e++;
  return src.slice(s, e);
}

function indentUnit(src: string): string {
  const m = /\n([ \t]+)\S/.exec(src);
  if (!m) return '  ';
  return m[1].startsWith('\t') ? '\t' : m[1].length <= 8 ? m[1] : '  ';
}

function logEdits(ctx: Ctx, h: Handler, program: AnyNode, parents: AnyNode[], sink: AnyNode, eol: string): Edit[] | null {
  const semi = /;\s*(\r?\n|$)/m.test(ctx.src) ? ';' : '';
  const logger = loggerIn(program, parents, ctx.src);
  const line = `${logger}.error(${h.name})${semi}`;
  if (h.block) {
    const existing = existingLog(h.block, h.name);
    if (existing.logs) return [];
    if (existing.call) {
      const args = existing.call.arguments as AnyNode[];
      const at = args.length ? args[args.length - 1].end : existing.call.end - 1;
      return [{ start: at, end: at, text: args.length ? `, ${h.name}` : h.name }];
    }
    const first = h.block.body[0];
    if (!first) return null;
    // before the comments that belong to the first statement (a `// @ts-ignore` stays on its line)
    const at = (first.leadingComments as AnyNode[] | undefined)?.[0]?.start ?? first.start;
    const indent = indentOf(ctx.src, at);
    return [{ start: at, end: at, text: `${line}${eol}${indent}` }];
  }
  // `.catch((err) => res.status(500).json(...))`: a block with the log and the response
  const arrow = h.arrow!;
  const body = arrow.body;
  const base = indentOf(ctx.src, arrow.start);
  const unit = indentUnit(ctx.src);
  const parenthesised = ctx.src.slice(body.start - 1, body.start) === '(' ? 1 : 0;
  return [
    { start: body.start - parenthesised, end: body.start, text: `{${eol}${base}${unit}${line}${eol}${base}${unit}return ` },
    { start: body.end, end: body.end + parenthesised, text: `${semi}${eol}${base}}` },
  ].filter(() => sink !== null);
}

function applyEdits(src: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = src;
  let last = Infinity;
  for (const e of sorted) {
    if (e.end > last) return src; // overlapping edits: a bug; keep the file as is
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    last = e.start;
  }
  return out;
}

export default function transformer(file: FileInfo, _api: API, options: CodemodOptions): string | undefined {
  const src = file.source;
  currentSource = src;
  let program: AnyNode;
  try {
    program = parseProgram<AnyNode>(file.path, src);
  } catch {
    return undefined;
  }
  const eol = src.includes('\r\n') ? '\r\n' : '\n';
  const quote = (src.match(/'/g) ?? []).length > (src.match(/"/g) ?? []).length ? "'" : '"';
  const range = options.range;
  const all: Edit[] = [];
  const seenHandlers = new Set<AnyNode>();
  walk(program, [], (n, parents) => {
    if (n.type !== 'CallExpression' && n.type !== 'NewExpression') return;
    if (range && n.start !== range.start) return;
    const sink = sinkOf(n, parents, !!range);
    if (!sink) return;
    const h = handlerOf(parents);
    if (!h) return;
    const decls = localDecls(h.fn ?? h.block, n.start);
    const locals = taint(decls, h.name);
    if (!carries(sink.payload, h.name, locals)) return;
    const ctx: Ctx = { src, quote, edits: [], exc: h.name, locals, decls, fn: h.fn ?? h.block, status: sink.status, replaced: new Set(), statusVar: sink.statusVar, sinkStart: n.start };
    rewrite(ctx, sink.payload);
    if (ctx.blocked) return;
    dropDead(ctx);
    if (!seenHandlers.has(h.block ?? h.arrow!)) {
      seenHandlers.add(h.block ?? h.arrow!);
      const logs = logEdits(ctx, h, program, parents, n, eol);
      if (logs === null) return;
      // the log line goes where a removed declaration was
      for (const l of logs) {
        const dead = ctx.edits.find((e) => e.text === '' && e.start <= l.start && l.start < e.end && l.start === l.end);
        if (dead) dead.text = `${indentOf(src, l.start)}${l.text.replace(new RegExp(`${eol}[ \\t]*$`), '')}${eol}`;
        else ctx.edits.push(l);
      }
    }
    all.push(...ctx.edits);
  });
  if (!all.length) return undefined;
  const out = applyEdits(src, all);
  return out === src ? undefined : out;
}
