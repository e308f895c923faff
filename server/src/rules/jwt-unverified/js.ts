import { ts } from 'ts-morph';
import type { Fix, JsContext, JsDetector } from '../../engine/types';
import { isBrowserModule, isJsTestCode } from '../../lang/scope';
import { ensureRequireEnv, REQUIRE_ENV } from '../hardcoded-secret/env';

const DECODE = new Set(['jsonwebtoken.decode', 'jsonwebtoken.default.decode']);
const VERIFY = new Set(['jsonwebtoken.verify', 'jsonwebtoken.default.verify']);
const SIGN = new Set(['jsonwebtoken.sign', 'jsonwebtoken.default.sign']);
const JOSE_DECODE = new Set(['jose.decodeJwt']);

function enclosingFunction(n: ts.Node): ts.FunctionLikeDeclaration | null {
  for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p) && 'body' in p && p.body) return p as ts.FunctionLikeDeclaration;
  return null;
}

/**
 * A decoded token is used for authentication when the function that decodes it handles a
 * request (a `req` / `request` / `ctx` parameter, a guard or middleware by name) and verifies
 * nothing itself: decoding to read the `kid` header before `verify` is fine.
 */
function usedForAuth(call: ts.CallExpression, ctx: JsContext): boolean {
  const fn = enclosingFunction(call);
  if (!fn?.body) return false;
  const body = fn.body.getText(ctx.sourceFile);
  if (/\.verify\s*\(|\bjwtVerify\s*\(|\bverify\s*\(/.test(body)) return false;
  const params = fn.parameters.map((p) => p.name.getText(ctx.sourceFile));
  if (params.some((p) => /^(?:req|request|ctx|context|socket|event)$/.test(p))) return true;
  const name = fn.name?.getText(ctx.sourceFile) ?? (ts.isVariableDeclaration(fn.parent) ? fn.parent.name.getText(ctx.sourceFile) : '');
  return /auth|guard|protect|current_?user|session|middleware|canActivate|require(?:User|Admin|Login)/i.test(name) || /\breq\.user\b|\bheaders\b.*authorization|authorization/i.test(body);
}

function optionHasNone(opts: ts.Expression | undefined): boolean {
  return !!opts && ts.isObjectLiteralExpression(opts) && opts.properties.some((p) => ts.isPropertyAssignment(p) && p.name.getText() === 'algorithms' && /['"`]none['"`]/i.test(p.initializer.getText()));
}

/** What the file signs its own tokens with: `jwt.sign(payload, KEY, { algorithm: 'HS256' })`. */
function signFacts(ctx: JsContext): { key: string | null; alg: string | null } {
  let key: string | null = null;
  let alg: string | null = null;
  const visit = (n: ts.Node): void => {
    if (key) return;
    if (ts.isCallExpression(n) && n.arguments.length >= 2 && SIGN.has(ctx.bindings.resolve(n.expression) ?? '')) {
      const k = n.arguments[1];
      if (ts.isIdentifier(k) || ts.isPropertyAccessExpression(k) || ts.isCallExpression(k)) key = k.getText(ctx.sourceFile);
      const o = n.arguments[2];
      const a = o && ts.isObjectLiteralExpression(o) ? o.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText() === 'algorithm') : undefined;
      alg = a && ts.isPropertyAssignment(a) && ts.isStringLiteralLike(a.initializer) ? a.initializer.text : 'HS256'; // jsonwebtoken's default
    }
    ts.forEachChild(n, visit);
  };
  if (/\bsign\s*\(/.test(ctx.file.text)) visit(ctx.sourceFile);
  return { key, alg };
}

export const js: JsDetector = {
  kinds: [ts.SyntaxKind.CallExpression],
  requires: /jsonwebtoken|decodeJwt/,
  visit(node: ts.Node, ctx: JsContext) {
    const call = node as ts.CallExpression;
    const callee = call.expression;
    const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
    if (method !== 'decode' && method !== 'verify' && method !== 'decodeJwt') return; // the cheap shape test first
    const qname = ctx.bindings.resolve(callee) ?? '';
    const isDecode = DECODE.has(qname) || JOSE_DECODE.has(qname);
    if (!isDecode && !VERIFY.has(qname)) return;
    if (isJsTestCode(ctx.file.path, ctx.file.text) || isBrowserModule(ctx.file.path, ctx.file.text) || /\.[jt]sx$/i.test(ctx.file.path)) return; // a component only displays the claims
    const start = call.getStart(ctx.sourceFile);
    const end = callee.getEnd();
    if (!isDecode) {
      if (!optionHasNone(call.arguments[2])) return;
      ctx.report({ node, start, end, message: `\`${callee.getText(ctx.sourceFile)}\` with \`algorithms: ['none']\`: an unsigned token passes; allow only the algorithm the tokens are signed with` });
      return;
    }
    if (!usedForAuth(call, ctx)) return;
    ctx.report({
      node,
      start,
      end,
      message: `\`${callee.getText(ctx.sourceFile)}\` reads the token without checking its signature, and its claims are used to authenticate: anyone can forge them; use \`verify\` with the key and fixed \`algorithms\``,
      fixes: JOSE_DECODE.has(qname) ? undefined : () => [verifyFix(ctx, call)],
    });
  },
};

function verifyFix(ctx: JsContext, call: ts.CallExpression): Fix | null {
  const callee = call.expression;
  const token = call.arguments[0];
  if (!token || !ts.isPropertyAccessExpression(callee)) return null;
  const facts = signFacts(ctx);
  const q = /'/.test(ctx.file.text.slice(0, 2000).match(/from\s+(['"])/)?.[1] ?? "'") ? "'" : '"';
  const edits = [];
  let key = facts.key;
  if (!key) {
    key = `${REQUIRE_ENV}(${q}JWT_SECRET${q})`;
    const helper = ensureRequireEnv(ctx.file.text, ctx.sourceFile, ctx.file.language === 'typescript');
    if (helper) edits.push(helper);
  }
  const alg = facts.alg ?? 'HS256';
  edits.push({ start: callee.name.getStart(ctx.sourceFile), end: callee.name.getEnd(), newText: 'verify' });
  edits.push({ start: token.getEnd(), end: call.arguments[call.arguments.length - 1].getEnd(), newText: `, ${key}, { algorithms: [${q}${alg}${q}] }` });
  const fix: Fix = { title: `Verify the token (\`jwt.verify(token, ${key}, { algorithms: ['${alg}'] })\`)`, applicability: 'unsafe', edits };
  if (!facts.alg) fix.needsInput = 'the signing algorithm is not visible in this file';
  return fix;
}
