/**
 * sensitive-data-in-logs, JavaScript / TypeScript.
 *
 * A `console.*` call or a logger call (`logger`, `log`, `this.logger`, `req.log`, pino /
 * winston / bunyan instances) whose arguments include a value named like a secret
 * (`password`, `user.password`, `req.body.apiKey`, `{ token }`, `` `${accessToken}` ``) or
 * a whole request body / header set (`req.body`, `req.headers`, `req.cookies`,
 * `request.headers`).
 *
 * Not flagged: `.length`, `!!x`, `typeof x`, comparisons, masked or hashed forms
 * (`mask(card)`, `token.slice(0, 4)`), properties of an object named like a secret
 * (`apiKey.name`), browser code and tests.
 */
import { ts } from 'ts-morph';
import type { JsContext, JsDetector } from '../../engine/types';
import { fixFromTransform } from '../../../../codemods/lib/jscodeshift';
import transform from '../../../../codemods/js/sensitive-data-in-logs';
import { isBrowserModule, isJsTestCode } from '../../lang/scope';
import { MASKING_CALL, sensitiveName } from './names';

const LOG_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'fatal', 'verbose', 'silly', 'http']);
const LOGGER_OBJECT = /^(console|logger|log|_logger|LOGGER|Logger)$|Logger$|logger$/;
const REQUEST_NAMES = /^(req|request)$/;
const REQUEST_WHOLE = new Set(['body', 'headers', 'cookies', 'rawHeaders', 'signedCookies']);

function isLogCall(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !LOG_METHODS.has(callee.name.text)) return false;
  const obj = callee.expression;
  if (ts.isIdentifier(obj)) return LOGGER_OBJECT.test(obj.text);
  // this.logger.info, req.log.info, app.log.error, fastify.log.info
  if (ts.isPropertyAccessExpression(obj)) return /^(logger|log|_logger)$/.test(obj.name.text);
  return false;
}

function propText(n: ts.Node): string | null {
  if (ts.isIdentifier(n)) return n.text;
  if (ts.isPropertyAccessExpression(n)) return n.name.text;
  if (ts.isElementAccessExpression(n) && ts.isStringLiteralLike(n.argumentExpression)) return n.argumentExpression.text;
  return null;
}

function wholeRequest(n: ts.Node): boolean {
  return ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && REQUEST_NAMES.test(n.expression.text) && REQUEST_WHOLE.has(n.name.text);
}

function masked(n: ts.Node, stop: ts.Node): boolean {
  let child: ts.Node = n;
  let cur: ts.Node | undefined = n.parent;
  while (cur && cur !== stop) {
    if (ts.isPropertyAccessExpression(cur) && cur.expression === child) return true; // `.length`, `.slice(...)`, `token.id`
    if (ts.isElementAccessExpression(cur) && cur.expression === child) return true;
    if (ts.isPrefixUnaryExpression(cur) && cur.operator === ts.SyntaxKind.ExclamationToken) return true;
    if (ts.isTypeOfExpression(cur)) return true;
    if (ts.isBinaryExpression(cur) && /Equals|LessThan|GreaterThan|AmpersandAmpersand|BarBar|QuestionQuestion/.test(ts.SyntaxKind[cur.operatorToken.kind]) && cur.left === child) return true;
    if (ts.isConditionalExpression(cur) && cur.condition === child) return true;
    if (ts.isCallExpression(cur) && cur.expression !== child) {
      const name = cur.expression.getText().split('.').pop() ?? '';
      if (MASKING_CALL.test(name) || /^(mask|redact|hash|createHash|digest)/i.test(name)) return true;
    }
    child = cur;
    cur = cur.parent;
  }
  return false;
}

function collect(arg: ts.Node, call: ts.CallExpression, out: ts.Node[]): void {
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n)) return;
    if (ts.isShorthandPropertyAssignment(n)) {
      if (sensitiveName(n.name.text)) out.push(n);
      return;
    }
    if (ts.isPropertyAssignment(n)) {
      const key = ts.isIdentifier(n.name) || ts.isStringLiteralLike(n.name) ? n.name.text : null;
      if (key && sensitiveName(key) && !ts.isStringLiteralLike(n.initializer) && !masked(n.initializer, call)) {
        out.push(n.initializer);
        return;
      }
      visit(n.initializer);
      return;
    }
    if (wholeRequest(n) && !masked(n, call)) {
      out.push(n);
      return;
    }
    if (ts.isIdentifier(n) || ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
      const name = propText(n);
      const isPropName = ts.isPropertyAccessExpression(n.parent) && n.parent.name === n;
      // `invite.token`, `session.token`: a record's identifier token; `config.token` and compound names are secrets
      const recordToken = name === 'token' && ts.isPropertyAccessExpression(n) && !/^(config|settings|env|process\.env|credentials|secrets?)$/i.test(n.expression.getText());
      if (name && !isPropName && !recordToken && sensitiveName(name) && !masked(n, call)) {
        out.push(n);
        return;
      }
    }
    n.forEachChild(visit);
  };
  visit(arg);
}

export const js: JsDetector = {
  kinds: [ts.SyntaxKind.CallExpression],
  requires: /log|console/,
  visit(node: ts.Node, ctx: JsContext) {
    const call = node as ts.CallExpression;
    if (!isLogCall(call)) return;
    const found: ts.Node[] = [];
    for (const a of call.arguments) collect(a, call, found);
    if (!found.length) return;
    if (isJsTestCode(ctx.file.path, ctx.file.text) || isBrowserModule(ctx.file.path, ctx.file.text)) return;
    const sf = ctx.sourceFile;
    for (const v of found) {
      const text = ts.isShorthandPropertyAssignment(v) ? v.name.text : v.getText(sf);
      const what = wholeRequest(v) ? `the whole request ${(v as ts.PropertyAccessExpression).name.text === 'body' ? 'body' : 'headers'} (\`${text}\`)` : `\`${text.length > 40 ? text.slice(0, 40) + '…' : text}\``;
      ctx.report({
        node: v,
        message: `This log call writes ${what} to the logs, where everyone with log access (and every log processor) can read it`,
        fixes: () => [fixFromTransform(ctx.file, transform, { start: v.getStart(sf), end: v.getEnd() }, wholeRequest(v) ? `Log only the field names (\`Object.keys(${text})\`)` : `Mask \`${text}\` in the log call`, 'unsafe')],
      });
    }
  },
};
