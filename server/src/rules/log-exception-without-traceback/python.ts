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
 * carries `traceback.format_exc()`, and a handler for invalid input (a regex
 * that does not compile, JSON that does not parse, a validation error: see
 * INPUT_ERRORS), whose traceback only points at the parser.
 *
 * The fix is downgraded to unsafe when a test of the project asserts on the
 * message in a way the rewrite would break (asserted.ts).
 */
import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import type { Fix } from '../../engine/types';
import { hasKwargsSplat, keywordArg, callArgs } from '../../lang/python/ast';
import { applyEdits } from '../../text/edits';
import { interpolatesException, logWithTracebackFix, type LoggerKind, type LogSite } from '../../../../codemods/python/log-exception-without-traceback';
import { testAssertingOn } from './asserted';

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

interface Handler {
  clause: Node;
  /** the `<types> as <name>` node */
  binding: Node;
  name: string;
}

/** The `except ... as name` clause whose block contains `node` (same function), and its name. */
function enclosingHandler(node: Node): Handler | null {
  let cur = node.parent;
  while (cur) {
    if (cur.type === 'function_definition' || cur.type === 'lambda' || cur.type === 'class_definition') return null;
    if (cur.type === 'except_clause' || cur.type === 'except_group_clause') {
      for (const c of cur.namedChildren) {
        if (c?.type !== 'as_pattern') continue;
        const target = c.childForFieldName('alias');
        const id = target?.type === 'as_pattern_target' ? target.namedChildren[0] : target;
        if (id?.type === 'identifier') return { clause: cur, binding: c, name: id.text };
      }
      return null; // the nearest handler binds no name: nothing to interpolate
    }
    cur = cur.parent;
  }
  return null;
}

/**
 * Exceptions that say the input was invalid and are raised by the one parser or validator
 * the `try` called: an uncompilable regex or template (often user-supplied), undecodable JSON,
 * a failed form / serializer / schema validation, an unparseable date. Their message is the useful
 * part and their traceback only points into the parser, so logging the text is right.
 */
const INPUT_ERRORS = new Set([
  're.error', 're.PatternError', 'sre_constants.error', 'regex.error', 'regex._regex_core.error',
  'json.JSONDecodeError', 'json.decoder.JSONDecodeError', 'simplejson.JSONDecodeError', 'simplejson.errors.JSONDecodeError',
  'django.core.exceptions.ValidationError', 'django.forms.ValidationError', 'rest_framework.exceptions.ValidationError',
  'rest_framework.serializers.ValidationError', 'pydantic.ValidationError', 'pydantic_core.ValidationError',
  'pydantic.error_wrappers.ValidationError', 'jsonschema.ValidationError', 'jsonschema.exceptions.ValidationError',
  'marshmallow.ValidationError', 'marshmallow.exceptions.ValidationError', 'dateutil.parser.ParserError',
  'jinja2.TemplateSyntaxError', 'jinja2.exceptions.TemplateSyntaxError', 'jinja2.TemplateAssertionError',
  'jinja2.exceptions.TemplateAssertionError', 'django.template.TemplateSyntaxError', 'django.template.exceptions.TemplateSyntaxError',
]);
/** Builtins that may stand beside them: `except (re.error, ValueError)` is the same family of bad input. */
const INPUT_BUILTINS = new Set(['ValueError', 'TypeError']);

/**
 * The handler catches only invalid-input errors: at least one named in INPUT_ERRORS, the
 * others ValueError / TypeError. A bare `except ValueError` is not enough: it can come from
 * anywhere below the call.
 */
function handlesInvalidInput(handler: Handler, ctx: PyContext): boolean {
  const types = handler.binding.namedChildren[0];
  if (!types) return false;
  const list = types.type === 'tuple' || types.type === 'parenthesized_expression' ? types.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : [types];
  let specific = false;
  for (const t of list) {
    const q = ctx.bindings.resolve(t);
    if (q && INPUT_ERRORS.has(q)) specific = true;
    else if (!(t.type === 'identifier' && !q && INPUT_BUILTINS.has(t.text))) return false;
  }
  return specific;
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

function mentionsTraceback(node: Node): boolean {
  return /\btraceback\.(format_exc|format_exception|print_exc)\b|\bexc_info\(\)/.test(node.text);
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
    if (handlesInvalidInput(handler, ctx)) return;
    const site: LogSite = { call, method, excName: handler.name, kind, clause: handler.clause, binding: handler.binding };
    ctx.report({
      node: call,
      start: call.startIndex,
      end: fn.endIndex,
      message: `\`${fn.text}()\` logs only the text of \`${handler.name}\`: the traceback is lost`,
      fixes: () => [checkedAgainstTests(ctx, site, logWithTracebackFix(ctx.file.text, site, ctx.file.path))],
    });
  },
};

/** A fix that would break a test asserting on the message is the reviewer's call: unsafe. */
function checkedAgainstTests(ctx: PyContext, site: LogSite, fix: Fix | null): Fix | null {
  if (!fix || !ctx.file.path) return fix;
  const call = site.call;
  const inCall = fix.edits.filter((e) => e.start >= call.startIndex && e.end <= call.endIndex);
  const shifted = inCall.map((e) => ({ ...e, start: e.start - call.startIndex, end: e.end - call.startIndex }));
  const args = callArgs(call).filter((a) => a.type !== 'keyword_argument');
  const messageChanged = inCall.some((e) => args.some((a) => e.start < a.endIndex && e.end > a.startIndex) || (e.start === e.end && args.some((a) => e.start > a.startIndex && e.start < a.endIndex)));
  const test = testAssertingOn(ctx.file.path, call.text, messageChanged ? applyEdits(call.text, shifted) : null);
  if (!test) return fix;
  return { ...fix, applicability: 'unsafe', title: `${fix.title} (unsafe: ${test} asserts on this log message)` };
}
