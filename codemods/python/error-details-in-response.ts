/**
 * Codemod: an exception handler stops sending the exception's text to the client.
 *
 *   except Exception as e:
 *       return JsonResponse({"error": str(e), "request_id": rid}, status=500)
 * becomes
 *   except Exception:
 *       logger.exception("Unexpected error in create_order")
 *       return JsonResponse({"error": "Internal server error", "request_id": rid}, status=500)
 *
 * Only the pieces of the payload that carry the exception change (request ids, error
 * codes and the status stay); an f-string keeps its own words (`f"Payment failed: {e}"`
 * -> `"Payment failed"`). A local that only held the text (`msg = str(e)`) goes with it.
 * The traceback is logged first thing in the handler with the module's logger; a module
 * without one gets `logger = logging.getLogger(__name__)` after its imports. A handler that
 * already logs the exception at error level keeps its call (with `exc_info=True` added
 * when it logs no traceback). Edit builder over the tree-sitter tree.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix, PyContext } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import { detectEol } from '../../server/src/text/positions';
import { callArgs, indentAt, keywordArg, preferredQuote } from '../../server/src/lang/python/ast';
import { appendArgument, ensureImport } from '../../server/src/lang/python/edits';
import { descendantsNoNested } from '../../server/src/lang/python/django';
import { carries, type ExceptionContext, type Taint } from '../../server/src/rules/error-details-in-response/python';
import { loggerKind } from '../../server/src/rules/log-exception-without-traceback/python';

export interface ErrorSite {
  /** the response call or the Flask return statement */
  node: Node;
  /** payload expressions that carry the exception */
  payload: Node[];
  context: ExceptionContext;
  taint: Taint;
  status: number | null;
  fn: Node | null;
}

const MESSAGES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  422: 'Invalid request',
  429: 'Too many requests',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

/** A generic message for a status: the words a client may see. */
export function genericMessage(status: number | null): string {
  if (status !== null && MESSAGES[status]) return MESSAGES[status];
  if (status !== null && status >= 400 && status < 500) return 'Request failed';
  return 'Internal server error';
}

// ------------------------------------------------------------------ the module's logger

export interface LoggerChoice {
  name: string;
  edits: TextEdit[];
}

/**
 * The module-level logger to use (`logger = logging.getLogger(__name__)`, `log = ...`, an
 * imported project logger), or edits creating `logger` after the imports.
 */
export function moduleLogger(ctx: PyContext): LoggerChoice {
  const root = ctx.root;
  for (const stmt of root.namedChildren) {
    const a = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : null;
    if (a?.type !== 'assignment') continue;
    const left = a.childForFieldName('left');
    if (left?.type === 'identifier' && loggerKind(left, ctx) && ctx.bindings.resolve(left)) return { name: left.text, edits: [] };
  }
  for (const [local, q] of ctx.bindings.imports) {
    if (/^(logger|log|LOGGER|LOG|_logger|_log)$/.test(local) && !/^logging(\.|$)/.test(q)) return { name: local, edits: [] };
  }
  const text = ctx.file.text;
  const eol = detectEol(text);
  const edits: TextEdit[] = [];
  const imp = ensureImport(text, root, 'logging');
  if (imp) edits.push(imp);
  // after the module's import header: the first statement that is not an import, docstring or comment
  let after = 0;
  let sawImport = false;
  for (const stmt of root.namedChildren) {
    if (stmt.type === 'import_statement' || stmt.type === 'import_from_statement' || stmt.type === 'future_import_statement') {
      after = stmt.endIndex;
      sawImport = true;
      continue;
    }
    if (!sawImport && stmt.type === 'expression_statement' && stmt.namedChildren[0]?.type === 'string') {
      after = stmt.endIndex;
      continue;
    }
    if (stmt.type === 'comment') continue;
    break;
  }
  const line = 'logger = logging.getLogger(__name__)';
  if (after === 0) edits.push({ start: 0, end: 0, newText: `${line}${eol}${eol}` });
  else edits.push({ start: after, end: after, newText: `${eol}${eol}${line}` });
  return { name: 'logger', edits };
}

// ------------------------------------------------------------------ logging in the handler

const LOG_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal']);

interface HandlerLogging {
  /** the handler already records the traceback (`logger.exception`, `exc_info=`, Sentry, `traceback.print_exc`) */
  traced: boolean;
  /** an error-level logger call without the traceback */
  untraced: Node | null;
}

function handlerLogging(block: Node, ctx: PyContext, taint: Taint): HandlerLogging {
  let untraced: Node | null = null;
  for (const call of descendantsNoNested(block, (n) => n.type === 'call')) {
    const f = call.childForFieldName('function');
    const q = f ? ctx.bindings.resolve(f) : null;
    if (q && /(^sentry_sdk\.capture_exception|^traceback\.print_exc|capture_exception$)/.test(q)) return { traced: true, untraced: null };
    if (/(^|\.)capture_exception$|(^|\.)print_exc$/.test(f?.text ?? '')) return { traced: true, untraced: null };
    if (f?.type !== 'attribute') continue;
    const method = f.childForFieldName('attribute')!.text;
    const obj = f.childForFieldName('object')!;
    if (!LOG_METHODS.has(method) || !loggerKind(obj, ctx)) continue;
    if (method === 'exception' || keywordArg(call, 'exc_info')) return { traced: true, untraced: null };
    if ((method === 'error' || method === 'critical' || method === 'fatal') && !untraced) untraced = call;
  }
  // an error call that interpolates the exception is log-exception-without-traceback's to fix
  if (untraced && callArgs(untraced).some((a) => carries(a, { exc: taint.exc, locals: new Set() }, ctx))) return { traced: true, untraced: null };
  return { traced: false, untraced };
}

/** `create_order`, or `SyncView.post` for a method. */
function functionName(fn: Node | null): string | null {
  const name = fn?.childForFieldName('name')?.text ?? null;
  let cls = fn?.parent ?? null;
  if (cls?.type === 'decorated_definition') cls = cls.parent;
  if (name && cls?.type === 'block' && cls.parent?.type === 'class_definition') return `${cls.parent.childForFieldName('name')?.text}.${name}`;
  return name;
}

// ------------------------------------------------------------------ payload rewrite

interface Rewriter {
  ctx: PyContext;
  site: ErrorSite;
  quote: string;
  edits: TextEdit[];
  /** locals whose uses were replaced: their assignments may be dead now */
  replacedLocals: Map<string, Node[]>;
}

const STACK_KEYS = /^(stack|stack_?trace|trace|traceback|tb)$/i;

function stringValueOf(n: Node | null): string | null {
  if (n?.type !== 'string' || n.namedChildren.some((c) => c.type === 'interpolation')) return null;
  return n.namedChildren.filter((c) => c.type === 'string_content').map((c) => c.text).join('');
}

function lit(r: Rewriter, text: string, like?: Node): string {
  let q = r.quote;
  if (like?.type === 'string') {
    const m = /^[a-zA-Z]*(['"])/.exec(like.text);
    if (m) q = m[1];
  }
  return `${q}${text.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`)}${q}`;
}

function isCarrying(r: Rewriter, n: Node | null | undefined): boolean {
  return carries(n, r.site.taint, r.ctx);
}

/** The words of an f-string / concatenation around the exception: `f"Payment failed: {e}"` -> `Payment failed`. */
function ownWords(r: Rewriter, n: Node): string | null {
  let text = '';
  if (n.type === 'string') {
    if (!/^[rRbBuU]*[fF]/.test(n.text)) return null;
    for (const c of n.namedChildren) {
      if (c.type === 'string_content') text += c.text;
      else if (c.type === 'interpolation') {
        if (!isCarrying(r, c)) return null; // other values in the text: keep it simple
        text += '\u0000';
      }
    }
  } else if (n.type === 'binary_operator' && n.childForFieldName('operator')?.type === '+') {
    const parts: Node[] = [];
    const flat = (x: Node): void => {
      if (x.type === 'binary_operator' && x.childForFieldName('operator')?.type === '+') {
        flat(x.childForFieldName('left')!);
        flat(x.childForFieldName('right')!);
      } else parts.push(x);
    };
    flat(n);
    for (const p of parts) {
      if (p.type === 'string' && !p.namedChildren.some((c) => c.type === 'interpolation')) text += p.namedChildren.filter((c) => c.type === 'string_content').map((c) => c.text).join('');
      else if (isCarrying(r, p)) text += '\u0000';
      else return null;
    }
  } else return null;
  if (/\\/.test(text)) return null;
  // the text before the first exception piece, without its trailing separator
  // `Refund failed, reason: {e}` -> `Refund failed`; `Gateway error: {e}` keeps its words
  const head = text.split('\u0000')[0].replace(/[\s:;,=|\-\u2013\u2014(\[]+$/, '').replace(/[,;(]\s*(error|exception|reason|details?)$/i, '').replace(/[\s:;,=|\-\u2013\u2014(\[]+$/, '');
  if (!/[A-Za-z]{2}/.test(head) || text.split('\u0000').slice(1).some((t) => /[A-Za-z]{2}/.test(t))) return null;
  return head.trim();
}

function replaceWhole(r: Rewriter, n: Node): void {
  const words = ownWords(r, n);
  r.edits.push({ start: n.startIndex, end: n.endIndex, newText: lit(r, words ?? genericMessage(r.site.status), n) });
}

function assignmentsOf(fn: Node | null, name: string, before: number): Node[] {
  const body = fn?.childForFieldName('body');
  if (!body) return [];
  return descendantsNoNested(body, (n) => n.type === 'assignment' && n.startIndex < before).filter((a) => {
    const left = a.childForFieldName('left');
    const target = left?.type === 'subscript' ? left.childForFieldName('value') : left;
    return target?.type === 'identifier' && target.text === name;
  });
}

function rewrite(r: Rewriter, n: Node): void {
  switch (n.type) {
    case 'dictionary': {
      const items = n.namedChildren.filter((c) => c.type !== 'comment');
      for (const [i, pair] of items.entries()) {
        const key = pair.type === 'pair' ? stringValueOf(pair.childForFieldName('key')) : null;
        if (pair.type === 'pair' && key && STACK_KEYS.test(key) && isCarrying(r, pair.childForFieldName('value'))) {
          // a traceback has no generic equivalent: the field goes (the log keeps it)
          const prev = items[i - 1];
          const next = items[i + 1];
          if (prev) r.edits.push({ start: prev.endIndex, end: pair.endIndex, newText: '' });
          else if (next) r.edits.push({ start: pair.startIndex, end: next.startIndex, newText: '' });
          else r.edits.push({ start: pair.startIndex, end: pair.endIndex, newText: '' });
        } else if (pair.type === 'pair' && isCarrying(r, pair.childForFieldName('value'))) rewrite(r, pair.childForFieldName('value')!);
        else if (pair.type === 'dictionary_splat' && isCarrying(r, pair)) rewrite(r, pair.namedChildren[0]!);
      }
      return;
    }
    case 'list':
    case 'tuple':
    case 'expression_list':
    case 'parenthesized_expression':
      for (const c of n.namedChildren) if (isCarrying(r, c)) rewrite(r, c);
      return;
    case 'call': {
      const f = n.childForFieldName('function');
      const q = f ? (r.ctx.bindings.resolve(f) ?? f.text) : '';
      if (q === 'dict' || /jsonify$/.test(q) || /(^|\.)(JsonResponse|Response|make_response)$/.test(q)) {
        for (const a of callArgs(n)) {
          const v = a.type === 'keyword_argument' ? a.childForFieldName('value') : a;
          if (v && isCarrying(r, v)) rewrite(r, v);
        }
        return;
      }
      replaceWhole(r, n);
      return;
    }
    case 'identifier': {
      if (r.site.taint.locals.has(n.text) && n.text !== r.site.taint.exc) {
        const defs = assignmentsOf(r.site.fn, n.text, n.startIndex);
        const carryingDefs = defs.filter((a) => isCarrying(r, a.childForFieldName('right')));
        // a payload dict built in a local: rewrite where the exception goes in
        const dictLike = defs.length > 0 && defs.every((a) => a.childForFieldName('left')!.type === 'subscript' || a.childForFieldName('right')!.type === 'dictionary');
        // (only where the error path writes it: the success path's body stays as it is)
        const inHandler = (a: Node): boolean => a.startIndex >= r.site.context.block.startIndex && a.endIndex <= r.site.context.block.endIndex;
        if (dictLike && (usesOf(r.site.fn, n.text, defs) === 1 || carryingDefs.every(inHandler))) {
          for (const a of carryingDefs) rewrite(r, a.childForFieldName('right')!);
          return;
        }
        r.replacedLocals.set(n.text, defs);
      }
      replaceWhole(r, n);
      return;
    }
    default:
      replaceWhole(r, n);
  }
}

/** Value uses of a name in the function, outside the given assignments' targets. */
function usesOf(fn: Node | null, name: string, defs: Node[]): number {
  const body = fn?.childForFieldName('body');
  if (!body) return 0;
  const targets = new Set(defs.map((d) => d.childForFieldName('left')!).map((l) => (l.type === 'subscript' ? l.childForFieldName('value')! : l).id));
  return descendantsNoNested(body, (x) => x.type === 'identifier' && x.text === name && !targets.has(x.id) && !(x.parent?.type === 'attribute' && x.parent.childForFieldName('attribute')?.id === x.id) && !(x.parent?.type === 'keyword_argument' && x.parent.childForFieldName('name')?.id === x.id)).length;
}

/** Removes `msg = str(e)` when the response was its only reader. */
function dropDeadLocals(r: Rewriter): void {
  const text = r.ctx.file.text;
  for (const [name, defs] of r.replacedLocals) {
    if (usesOf(r.site.fn, name, defs) !== 1) continue; // read elsewhere too (a log call, a second response)
    for (const a of defs) {
      const stmt = a.parent;
      if (stmt?.type !== 'expression_statement' || a.childForFieldName('left')?.type !== 'identifier') return;
      if (stmt.parent?.type !== 'block' || stmt.parent.namedChildren.filter((c) => c.type !== 'comment').length < 2) return;
      let start = stmt.startIndex;
      while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
      let end = stmt.endIndex;
      if (text[end] === '\r') end++;
      if (text[end] === '\n') end++;
      if (r.edits.some((e) => e.start < end && e.end > start)) return;
      r.edits.push({ start, end, newText: '' });
    }
  }
}

// ------------------------------------------------------------------ the fix

export function errorDetailsFix(ctx: PyContext, site: ErrorSite): Fix | null {
  const text = ctx.file.text;
  const eol = detectEol(text);
  const r: Rewriter = { ctx, site, quote: preferredQuote(text), edits: [], replacedLocals: new Map() };
  for (const p of site.payload) rewrite(r, p);
  dropDeadLocals(r);
  const ec = site.context;
  const logging = handlerLogging(ec.block, ctx, site.taint);
  let logged = 'logs the traceback';
  if (logging.untraced) {
    r.edits.push(appendArgument(text, logging.untraced, ec.kind === 'handler' && ec.name ? `exc_info=${ec.name}` : 'exc_info=True'));
  } else if (!logging.traced) {
    const logger = moduleLogger(ctx);
    r.edits.push(...logger.edits);
    let first = ec.block.namedChildren.find((c) => c.type !== 'comment' && !(c.type === 'expression_statement' && c.namedChildren[0]?.type === 'string' && ec.kind === 'handler'));
    if (!first) return null;
    // before the comment lines that belong to the first statement (each on its own line)
    for (let prev = first.previousNamedSibling; prev?.type === 'comment' && text.slice(0, prev.startIndex).endsWith(`\n${indentAt(text, prev.startIndex)}`); prev = prev.previousNamedSibling) {
      first = prev;
    }
    const indent = indentAt(text, first.startIndex);
    const fname = functionName(site.fn);
    const msg = lit(r, fname ? `Unexpected error in ${fname}` : 'Unexpected error');
    const call = ec.kind === 'except' ? `${logger.name}.exception(${msg})` : `${logger.name}.error(${msg}, exc_info=${ec.name})`;
    // the first statement may be a dead `msg = str(e)` removed above: the log line takes its place
    const dead = r.edits.find((e) => e.newText === '' && e.start <= first.startIndex && first.startIndex < e.end);
    if (dead) dead.newText = `${indent}${call}${eol}`;
    else r.edits.push({ start: first.startIndex, end: first.startIndex, newText: `${call}${eol}${indent}` });
    logged = `logs it with \`${logger.name}.${ec.kind === 'except' ? 'exception' : 'error'}()\``;
  }
  // `except Exception as e:` whose name is no longer read: drop ` as e`
  if (ec.kind === 'except' && ec.name) r.edits.push(...dropUnusedAlias(r, ec));
  return {
    title: `Answer a generic message (same status) and log the exception: ${logged}`,
    applicability: 'unsafe',
    edits: r.edits,
  };
}

function dropUnusedAlias(r: Rewriter, ec: ExceptionContext): TextEdit[] {
  const name = ec.name!;
  const uses = descendantsNoNested(ec.block, (x) => x.type === 'identifier' && x.text === name && !(x.parent?.type === 'attribute' && x.parent.childForFieldName('attribute')?.id === x.id) && !(x.parent?.type === 'keyword_argument' && x.parent.childForFieldName('name')?.id === x.id));
  const covered = (x: Node): boolean => r.edits.some((e) => e.start <= x.startIndex && x.endIndex <= e.end && e.end > e.start);
  if (uses.some((u) => !covered(u))) return [];
  const as = ec.scope.namedChildren.find((c) => c.type === 'as_pattern');
  const target = as?.childForFieldName('alias');
  const typeNode = as?.namedChildren[0];
  if (!as || !target || !typeNode) return [];
  return [{ start: typeNode.endIndex, end: target.endIndex, newText: '' }];
}
