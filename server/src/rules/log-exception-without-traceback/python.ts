/**
 * log-exception-without-traceback, Python.
 *
 * In an `except ... as e:` block, an `error` / `critical` / `fatal` call on a
 * logger whose positional arguments interpolate `e` (f-string, `+ str(e)`,
 * `%` / `.format`, or a logger `%s` argument) and that passes no `exc_info=`.
 *
 * A logger is what bindings prove to be one: the `logging` module,
 * `logging.getLogger(...)` (also via `from logging import getLogger`, aliases,
 * `self.logger = ...`), `LoggerAdapter`, Celery `get_task_logger`, Flask
 * `app.logger` / `current_app.logger`, structlog and loguru loggers; and, for
 * loggers imported from the project itself or passed in, a receiver named
 * like one (`logger`, `log`, `_logger`, `audit_logger`, `self.logger`).
 * `messages.error(request, ...)` (Django), `form.add_error`, `errors.error`
 * and other `.error` methods are not loggers.
 *
 * Not flagged: `logger.warning` and below (a handled, expected failure logged
 * as a warning is a deliberate choice), a handler that re-raises the exception
 * (`raise` / `raise e`: the traceback travels with it), a message that already
 * carries `traceback.format_exc()`.
 */
import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { hasKwargsSplat, keywordArg, callArgs } from '../../lang/python/ast';
import { logWithTracebackFix, refersTo, type LoggerKind } from '../../../../codemods/python/log-exception-without-traceback';

const METHODS = new Set(['error', 'critical', 'fatal']);
const LOGGER_NAME = /^(_*(log|logger|LOG|LOGGER|Log|Logger)|\w+_(logger|log|LOGGER|LOG)|(logger|LOGGER)_\w+)$/;

/** Is `obj` a logger, and of which flavour? */
export function loggerKind(obj: Node, ctx: PyContext): LoggerKind | null {
  const q = ctx.bindings.resolve(obj);
  if (q) {
    if (q === 'logging' || q === 'logging.root') return 'stdlib';
    if (/^logging\.(getLogger|LoggerAdapter|Logger|getLoggerClass\(\))\(\)/.test(q)) return 'stdlib';
    if (/^celery\.utils\.log\.(get_task_logger|get_logger)\(\)/.test(q)) return 'stdlib';
    if (/^(flask|quart)\.(current_app|Flask\(\)|Quart\(\))\.logger$/.test(q)) return 'stdlib';
    if (/^structlog\.(get_logger|getLogger|wrap_logger|stdlib\.get_logger)\(\)/.test(q)) return 'stdlib';
    if (q === 'loguru.logger' || q.startsWith('loguru.logger.')) return 'loguru';
    if (q.startsWith('logging.')) return null; // logging.Formatter(), handlers...
  }
  // A logger from the project (`from app.log import logger`), a parameter, or `self.logger`
  // set up elsewhere: trust a logger-like name, never a generic `.error` method.
  const last = obj.type === 'identifier' ? obj.text : obj.type === 'attribute' ? obj.childForFieldName('attribute')?.text : null;
  if (!last || !LOGGER_NAME.test(last)) return null;
  if (q && /^(django\.contrib\.messages|rest_framework|wtforms|marshmallow)/.test(q)) return null;
  return 'stdlib';
}

/** The `except ... as name` clause whose block contains `node` (same function), and its name. */
function enclosingHandler(node: Node): { clause: Node; name: string } | null {
  let cur = node.parent;
  while (cur) {
    if (cur.type === 'function_definition' || cur.type === 'lambda' || cur.type === 'class_definition') return null;
    if (cur.type === 'except_clause' || cur.type === 'except_group_clause') {
      for (const c of cur.namedChildren) {
        if (c?.type !== 'as_pattern') continue;
        const target = c.childForFieldName('alias');
        const id = target?.type === 'as_pattern_target' ? target.namedChildren[0] : target;
        if (id?.type === 'identifier') return { clause: cur, name: id.text };
      }
      return null; // the nearest handler binds no name: nothing to interpolate
    }
    cur = cur.parent;
  }
  return null;
}

/** The handler re-raises the caught exception (`raise`, `raise e`), so its traceback is not lost. */
function reraises(clause: Node, name: string): boolean {
  const stack: Node[] = [clause];
  while (stack.length) {
    const n = stack.pop()!;
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === 'function_definition' || c.type === 'lambda' || c.type === 'class_definition') continue;
      if (c.type === 'raise_statement') {
        const exprs = c.namedChildren.filter((x) => x && x.type !== 'comment');
        if (exprs.length === 0) return true;
        if (exprs.length === 1 && exprs[0]!.type === 'identifier' && exprs[0]!.text === name) return true;
      }
      stack.push(c);
    }
  }
  return false;
}

/** Attributes that hold the exception's own text (`e.args`, `e.message`, stripe's `e.user_message`). */
const TEXT_ATTRIBUTES = new Set(['args', 'message', 'msg', 'strerror', 'user_message', 'detail', 'details']);

/**
 * The argument carries the exception's text: `e` itself (`{e}`, `str(e)`, `repr(e)`, `"%s", e`) or a text
 * attribute of it. Other attributes (`e.code`, `e.http_status`, `e.response.status_code`) are details
 * logged next to the exception, not the exception: a handler logging them is not this pattern.
 */
function interpolatesException(node: Node, name: string): boolean {
  if (!refersTo(node, name)) return false;
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'identifier' && n.text === name && refersTo(n, name)) {
      const p = n.parent;
      if (p?.type !== 'attribute' || p.childForFieldName('object')?.id !== n.id) return true;
      if (TEXT_ATTRIBUTES.has(p.childForFieldName('attribute')?.text ?? '')) return true;
      continue;
    }
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return false;
}

function mentionsTraceback(node: Node): boolean {
  return /\btraceback\.(format_exc|format_exception|print_exc)\b|\bexc_info\(\)/.test(node.text);
}

function functionName(node: Node): string | null {
  let cur = node.parent;
  while (cur) {
    if (cur.type === 'function_definition') return cur.childForFieldName('name')?.text ?? null;
    cur = cur.parent;
  }
  return null;
}

export const python: PyDetector = {
  nodeTypes: ['call'],
  requires: /\bexcept\b/,
  visit(call: Node, ctx: PyContext) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute') return;
    const method = fn.childForFieldName('attribute');
    const obj = fn.childForFieldName('object');
    if (!method || !obj || !METHODS.has(method.text)) return;
    const handler = enclosingHandler(call);
    if (!handler) return;
    if (keywordArg(call, 'exc_info') || hasKwargsSplat(call)) return;
    const positional = callArgs(call).filter((a) => a.type !== 'keyword_argument');
    if (!positional.some((a) => interpolatesException(a, handler.name))) return;
    if (positional.some(mentionsTraceback)) return;
    const kind = loggerKind(obj, ctx);
    if (!kind) return;
    if (reraises(handler.clause, handler.name)) return;
    const site = { call, method, excName: handler.name, kind, functionName: functionName(call) };
    ctx.report({
      node: call,
      start: call.startIndex,
      end: fn.endIndex,
      message: `\`${fn.text}()\` logs only the text of \`${handler.name}\`: the traceback is lost`,
      fixes: () => [logWithTracebackFix(ctx.file.text, site)],
    });
  },
};
