/**
 * sensitive-data-in-logs, Python.
 *
 * A logger call (the `logging` module, `getLogger(...)` loggers, structlog, loguru, Celery
 * task loggers, Flask's `app.logger`, project loggers named like one) whose arguments
 * include a secret: a value named like a password, token, API key, secret or card number
 * (`password`, `user.password`, `data["api_key"]`, `request.POST.get("password")`,
 * `extra={"token": t}`, structlog `password=pw`), or a whole request body or header set
 * (`request.data`, `request.body`, `request.POST`, `request.headers`, `request.META`,
 * Flask `request.json` / `request.form` / `request.get_json()`).
 *
 * Not flagged: a secret's length or truth (`len(token)`, `bool(password)`, `token is None`),
 * a masked or hashed form (`mask(card_number)`, `token[:4]`), attributes of an object named
 * like a secret (`api_key.name`, `token.expires_at`), names that only mention a secret
 * (`token_type`, `password_reset_url`, `has_password`), `print`, and test code.
 */
import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { callArgs } from '../../lang/python/ast';
import { isPythonTestCode } from '../../lang/scope';
import { loggerKind } from '../log-exception-without-traceback/python';
import { MASKING_CALL, sensitiveName } from './names';
import { maskFix, type SensitiveValue } from '../../../../codemods/python/sensitive-data-in-logs';

const LOG_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log', 'msg', 'success', 'trace']);
const REQUEST_WHOLE = new Set(['data', 'body', 'POST', 'headers', 'META', 'json', 'form', 'COOKIES', 'values']);
const REQUEST_NAMES = /^(request|req|self\.request)$/;

function stringKey(n: Node | null | undefined): string | null {
  if (n?.type !== 'string' || n.namedChildren.some((c) => c.type === 'interpolation')) return null;
  return n.namedChildren.filter((c) => c.type === 'string_content').map((c) => c.text).join('');
}

/** The expression is a secret (by name) or a whole request body / header set. */
function classify(n: Node): SensitiveValue['kind'] | null {
  if (n.type === 'identifier') return sensitiveName(n.text) ? 'secret' : null;
  if (n.type === 'attribute') {
    const obj = n.childForFieldName('object')!;
    const attr = n.childForFieldName('attribute')!.text;
    if (REQUEST_NAMES.test(obj.text) && REQUEST_WHOLE.has(attr)) return attr === 'body' ? 'raw-body' : 'whole';
    // `checkout.token`, `transaction.token`: a model's public identifier token; `settings.TOKEN`,
    // `config.token` and compound names (`user.reset_token`) are secrets
    if (attr === 'token' && !/^(settings|config|conf|env|os\.environ|credentials|secrets?)$/i.test(obj.text)) return null;
    return sensitiveName(attr) ? 'secret' : null;
  }
  if (n.type === 'subscript') {
    const key = stringKey(n.childForFieldName('subscript'));
    return key && sensitiveName(key) ? 'secret' : null;
  }
  if (n.type === 'call') {
    const f = n.childForFieldName('function');
    if (f?.type !== 'attribute') return null;
    const m = f.childForFieldName('attribute')!.text;
    const obj = f.childForFieldName('object')!;
    if (m === 'get_json' && REQUEST_NAMES.test(obj.text)) return 'whole';
    if (m === 'get' || m === 'getlist' || m === 'pop') {
      const key = stringKey(callArgs(n)[0]);
      return key && sensitiveName(key) ? 'secret' : null;
    }
  }
  return null;
}

/** A secret used only for its length, truth, hash or a masked piece. */
function masked(n: Node, stopAt: Node): boolean {
  let cur: Node | null = n.parent;
  let child: Node = n;
  while (cur && cur.id !== stopAt.id) {
    if (cur.type === 'call' && child.type !== 'call') {
      const f = cur.childForFieldName('function');
      const name = f?.type === 'attribute' ? f.childForFieldName('attribute')!.text : f?.text ?? '';
      if (f?.id !== child.id && MASKING_CALL.test(name)) return true;
    }
    if (cur.type === 'attribute' && cur.childForFieldName('object')?.id === child.id) return true; // `token.expires_at`
    if (cur.type === 'subscript' && cur.childForFieldName('value')?.id === child.id && cur.childForFieldName('subscript')?.type === 'slice') return true;
    if (cur.type === 'comparison_operator' || cur.type === 'not_operator' || cur.type === 'boolean_operator' || cur.type === 'conditional_expression') return true;
    child = cur;
    cur = cur.parent;
  }
  return false;
}

/** Sensitive values in one argument, outermost first (a flagged node's children are not looked at). */
function sensitiveIn(arg: Node, call: Node, out: SensitiveValue[]): void {
  const visit = (n: Node): void => {
    if (n.type === 'lambda' || n.type === 'string_content') return;
    // the name part of `x.token` / `f(token=...)` is not a value of its own
    const p = n.parent;
    if (n.type === 'identifier' && ((p?.type === 'attribute' && p.childForFieldName('attribute')?.id === n.id) || (p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id))) return;
    if (n.type === 'pair') {
      // `extra={"password": pw}`
      const key = stringKey(n.childForFieldName('key'));
      const value = n.childForFieldName('value');
      if (key && sensitiveName(key) && value && !masked(value, call) && value.type !== 'string') {
        out.push({ node: value, kind: 'secret', label: key });
        return;
      }
    }
    const kind = classify(n);
    if (kind && !masked(n, call)) {
      out.push({ node: n, kind, label: n.text });
      return;
    }
    for (const c of n.namedChildren) visit(c);
  };
  visit(arg);
}

export const python: PyDetector = {
  nodeTypes: ['call'],
  requires: /log|LOG/,
  visit(call: Node, ctx: PyContext) {
    const f = call.childForFieldName('function');
    if (f?.type !== 'attribute') return;
    const method = f.childForFieldName('attribute')!.text;
    if (!LOG_METHODS.has(method)) return;
    const args = callArgs(call);
    if (!args.length) return;
    const found: SensitiveValue[] = [];
    for (const a of args) {
      if (a.type === 'keyword_argument') {
        const name = a.childForFieldName('name')?.text ?? '';
        const value = a.childForFieldName('value');
        if (!value || name === 'exc_info' || name === 'stack_info' || name === 'stacklevel') continue;
        // structlog / loguru: `logger.info("login", password=pw)`
        if (sensitiveName(name) && value.type !== 'string' && !masked(value, call)) found.push({ node: value, kind: 'secret', label: name });
        else sensitiveIn(value, call, found);
      } else sensitiveIn(a, call, found);
    }
    if (!found.length) return;
    if (!loggerKind(f.childForFieldName('object')!, ctx)) return;
    if (isPythonTestCode(ctx.file.path, ctx.file.text)) return;
    for (const v of found) {
      const what = v.kind === 'secret' ? `\`${v.label}\`` : `the whole request ${v.label.endsWith('headers') || v.label.endsWith('META') ? 'headers' : 'body'} (\`${v.label}\`)`;
      ctx.report({
        node: v.node,
        message: `This log call writes ${what} to the logs, where everyone with log access (and every log processor) can read it`,
        fixes: () => [maskFix(ctx, v)],
      });
    }
  },
};
