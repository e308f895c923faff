/**
 * insecure-session-cookie, JS/TS: `express-session` and `cookie-session` middleware (through
 * imports, `require`, aliases; options given inline or through a `const`) whose cookie is not
 * `secure`, has `httpOnly: false`, or no `sameSite`. express-session's cookie options live
 * under `cookie`, cookie-session's at the top level. A later `opts.cookie.secure = ...` in the
 * file (secure set only in production) counts as set.
 *
 * The fix merges `secure: process.env.NODE_ENV === 'production'`, `httpOnly: true` and
 * `sameSite: 'lax'` into the cookie options, keeping their other keys. Both packages refuse a
 * secure cookie on a request they do not see as HTTPS (express-session drops it, cookie-session
 * throws), so behind a TLS-terminating proxy the app must trust it: the fix adding `secure` is
 * safe only when the file sets `trust proxy` (or the options `proxy: true`), unsafe otherwise.
 */
import { ts } from 'ts-morph';
import type { Fix, JsContext, JsDetector } from '../../engine/types';
import type { TextEdit } from '../../text/edits';
import { isBrowserModule, isJsTestCode } from '../../lang/scope';
import { addPropertiesEdit, hasSpread, jsQuote, objectLiteralOf, property, unwrapExpression, type Property } from '../../lang/js/objects';

const PACKAGES = new Set(['express-session', 'cookie-session']);

type Problem = 'secure' | 'httpOnly' | 'sameSite';

function isFalse(e: ts.Expression | undefined): boolean {
  return !!e && unwrapExpression(e).kind === ts.SyntaxKind.FalseKeyword;
}

/** `<name>.cookie.secure = ...` / `<name>.secure = ...` somewhere in the file. */
function assignedLater(ctx: JsContext, target: string): boolean {
  const re = new RegExp(`\\b${target.split('.').join('\\s*!?\\s*\\??\\.\\s*')}\\s*=[^=]`);
  return re.test(ctx.file.text);
}

export const js: JsDetector = {
  kinds: [ts.SyntaxKind.CallExpression],
  requires: /express-session|cookie-session/,
  visit(node: ts.Node, ctx: JsContext) {
    const call = node as ts.CallExpression;
    if (!ts.isIdentifier(call.expression) && !ts.isPropertyAccessExpression(call.expression)) return;
    const pkg = ctx.bindings.resolve(call.expression);
    if (!pkg || !PACKAGES.has(pkg)) return;
    if (isJsTestCode(ctx.file.path, ctx.file.text) || isBrowserModule(ctx.file.path, ctx.file.text)) return;
    const sf = ctx.sourceFile;
    const arg = call.arguments[0];
    const options = arg ? objectLiteralOf(arg, ctx.bindings) : null;
    // options built elsewhere (a config module, a function): nothing known
    if (arg && !options) return;
    if (options && hasSpread(options)) return;
    const optionsName = arg && ts.isIdentifier(unwrapExpression(arg)) ? (unwrapExpression(arg) as ts.Identifier).text : null;
    let cookie: ts.ObjectLiteralExpression | null = null;
    let cookieProp: Property | null = null;
    if (pkg === 'express-session') {
      cookieProp = options ? property(options, 'cookie', sf) : null;
      if (cookieProp) {
        if (!ts.isPropertyAssignment(cookieProp) && !ts.isShorthandPropertyAssignment(cookieProp)) return;
        cookie = objectLiteralOf(ts.isPropertyAssignment(cookieProp) ? cookieProp.initializer : cookieProp.name, ctx.bindings);
        if (!cookie || hasSpread(cookie)) return;
      }
    } else cookie = options;
    const prefix = pkg === 'express-session' ? 'cookie.' : '';
    const get = (name: string) => (cookie ? property(cookie, name, sf) : null);
    const valueOf = (p: Property | null) => (p && ts.isPropertyAssignment(p) ? p.initializer : undefined);
    const problems: Problem[] = [];
    const secure = get('secure');
    const laterSecure = !!optionsName && assignedLater(ctx, `${optionsName}.${prefix}secure`);
    if ((!secure && !laterSecure) || isFalse(valueOf(secure))) problems.push('secure');
    if (isFalse(valueOf(get('httpOnly')))) problems.push('httpOnly');
    const sameSite = get('sameSite');
    const laterSameSite = !!optionsName && assignedLater(ctx, `${optionsName}.${prefix}sameSite`);
    if ((!sameSite && !laterSameSite) || isFalse(valueOf(sameSite))) problems.push('sameSite');
    if (!problems.length) return;
    const what: Record<Problem, string> = { secure: '`secure` off (it also travels over plain HTTP)', httpOnly: '`httpOnly: false` (page scripts can read it)', sameSite: 'no `sameSite` (it goes with cross-site requests)' };
    ctx.report({
      node,
      start: call.getStart(sf),
      end: call.expression.getEnd(),
      message: `${pkg} session cookie with ${problems.map((p) => what[p]).join(', ')}: the session can be read on the network or ridden from another site; make it \`secure\` in production, \`httpOnly\`, with \`sameSite\``,
      fixes: () => [cookieFix(ctx, call, pkg, options, cookie, cookieProp, problems)],
    });
  },
};

function cookieFix(
  ctx: JsContext,
  call: ts.CallExpression,
  pkg: string,
  options: ts.ObjectLiteralExpression | null,
  cookie: ts.ObjectLiteralExpression | null,
  cookieProp: Property | null,
  problems: readonly Problem[],
): Fix | null {
  const sf = ctx.sourceFile;
  const text = ctx.file.text;
  const q = jsQuote(text);
  const values: Record<Problem, string> = { secure: `process.env.NODE_ENV === ${q}production${q}`, httpOnly: 'true', sameSite: `${q}lax${q}` };
  const edits: TextEdit[] = [];
  if (pkg === 'express-session' && !cookie) {
    // no cookie options yet: one object with the three flags
    const props = [`secure: ${values.secure}`, 'httpOnly: true', `sameSite: ${values.sameSite}`];
    const obj = `cookie: { ${props.join(', ')} }`;
    if (options) edits.push(addPropertiesEdit(text, options, sf, [obj]));
    else {
      if (cookieProp) return null;
      const open = call.arguments.pos;
      edits.push({ start: open, end: call.getEnd() - 1, newText: `{ ${obj} }` });
    }
  } else if (!cookie) {
    // cookie-session() with no options at all: it needs keys or a secret, nothing to merge into
    return null;
  } else {
    const add: string[] = [];
    for (const p of problems) {
      const existing = property(cookie, p, sf);
      if (existing && ts.isPropertyAssignment(existing)) edits.push({ start: existing.initializer.getStart(sf), end: existing.initializer.getEnd(), newText: values[p] });
      else if (existing) return null; // a shorthand `secure` that is false: rewriting the name's value is not this fix's business
      else add.push(`${p}: ${values[p]}`);
    }
    if (add.length) edits.push(addPropertiesEdit(text, cookie, sf, add));
  }
  const trusted = /trust proxy/.test(text) || (!!options && /^true$/.test(property(options, 'proxy', sf)?.getText(sf).replace(/^proxy\s*:\s*/, '') ?? ''));
  const addsSecure = problems.includes('secure');
  const unsafe = addsSecure && !trusted;
  const title = `Set the cookie's ${problems.map((p) => `\`${p}\``).join(', ')}${unsafe ? ' (behind a TLS proxy, also `app.set("trust proxy", 1)`)' : ''}`;
  return { title, applicability: unsafe ? 'unsafe' : 'safe', edits };
}
