import { ts } from 'ts-morph';
import type { Fix, JsContext, JsDetector } from '../../engine/types';
import { isJsTestCode } from '../../lang/scope';
import { ensureRequireEnv, REQUIRE_ENV, withEnvExample } from './env';
import { isDocsOrExample, isNonProductionConfig, isSecretName, looksLikeSecretValue, mayHoldSecretLiteral, nameWords, PROVIDER_PREFIX_RE, providerOf, redact, SECRET_TEXT_RE } from './patterns';
import { article, envNameOf, rotationNote } from './python';

/** The name a string literal is given: variable, property, assignment target, parameter, class field. */
export function jsTargetName(lit: ts.Node): string | null {
  const p = lit.parent;
  if (!p) return null;
  const nameOf = (n: ts.Node | undefined): string | null =>
    n && (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isPrivateIdentifier(n) || ts.isNoSubstitutionTemplateLiteral(n)) ? n.text : null;
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isPropertyDeclaration(p) || ts.isBindingElement(p)) && p.initializer === lit) return nameOf(p.name);
  if (ts.isPropertyAssignment(p) && p.initializer === lit) return nameOf(p.name);
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === lit) {
    const l = p.left;
    if (ts.isIdentifier(l)) return l.text;
    if (ts.isPropertyAccessExpression(l)) return l.name.text;
    if (ts.isElementAccessExpression(l)) return nameOf(l.argumentExpression);
  }
  return null;
}

/**
 * The name a one-word property (`secret`, `password`, `token`) takes from what holds it, so the
 * variable says whose secret it is: `session({ secret })` -> `session_secret`, `jwt: { secret }`
 * -> `jwt_secret`, `const db = { password }` -> `db_password`. Other names are returned as they are.
 */
export function qualifiedTargetName(lit: ts.Node, name: string | null): string | null {
  if (!name || nameWords(name).length !== 1) return name;
  const p = lit.parent;
  if (!p || !ts.isPropertyAssignment(p) || !ts.isObjectLiteralExpression(p.parent)) return name;
  const holder = p.parent.parent;
  let owner: string | null = null;
  if (ts.isPropertyAssignment(holder) || ts.isVariableDeclaration(holder)) owner = ts.isIdentifier(holder.name) || ts.isStringLiteral(holder.name) ? holder.name.text : null;
  else if ((ts.isCallExpression(holder) || ts.isNewExpression(holder)) && holder.arguments?.includes(p.parent)) {
    const callee = holder.expression;
    owner = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : null;
  }
  return owner && !/^(?:config|configs|options|opts|settings|env|default|module)$/i.test(owner) ? `${owner}_${name}` : name;
}

/** `process.env.X || "..."`, `process.env.X ?? "..."`, `const { X = "..." } = process.env`: insecure-secret-fallback's finding. */
export function isJsEnvFallback(lit: ts.Node): boolean {
  const p = lit.parent;
  // `const { JWT_SECRET = "..." } = process.env`
  if (p && ts.isBindingElement(p) && p.initializer === lit && ts.isObjectBindingPattern(p.parent) && ts.isVariableDeclaration(p.parent.parent)) {
    const init = p.parent.parent.initializer;
    if (init && /^process\.env$/.test(init.getText())) return true;
  }
  if (p && ts.isBinaryExpression(p) && p.right === lit) {
    const op = p.operatorToken.kind;
    if ((op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) && /\bprocess\.env\b|\benv\b/.test(p.left.getText())) return true;
  }
  return false;
}

export const js: JsDetector = {
  kinds: [ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral],
  requires: SECRET_TEXT_RE,
  mayFire: (file) => mayHoldSecretLiteral(file.text) && !isJsTestCode(file.path, file.text),
  visit(node: ts.Node, ctx: JsContext) {
    const lit = node as ts.StringLiteral;
    const value = lit.text;
    if (value.length < 12) return;
    const p = lit.parent;
    // module specifiers, types and object keys are not values
    if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isLiteralTypeNode(p) || ts.isExternalModuleReference(p)) return;
    if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && p.name === lit) return;
    const provider = PROVIDER_PREFIX_RE.test(value) ? providerOf(value) : null;
    const name = jsTargetName(lit);
    if (!provider) {
      if (!name || !isSecretName(name) || !looksLikeSecretValue(value)) return;
      if (isNonProductionConfig(ctx.file.path)) return;
    }
    if (isJsTestCode(ctx.file.path, ctx.file.text)) return;
    // docs and examples hold sample values: only a live-format provider key there is a leak
    if ((!provider || provider.testMode) && isDocsOrExample(ctx.file.path)) return;
    // `sk_test_...` in `settings/test.py` / `config/development.js` is what those modules are for
    if (provider?.testMode && isNonProductionConfig(ctx.file.path)) return;
    if (isJsEnvFallback(lit)) return;
    const envName = envNameOf(qualifiedTargetName(lit, name), provider);
    const what = provider ? article(provider.label) : 'a secret';
    ctx.report({
      node,
      start: lit.getStart(ctx.sourceFile),
      end: lit.getEnd(),
      message: `${name ? `\`${name}\` holds` : 'Literal is'} ${what} in source code (\`${redact(value, provider)}\`): read it from the environment (\`${envName}\`) and ${rotationNote()}`,
      fixes: () => [jsEnvFix(ctx, lit, envName)],
    });
  },
};

function jsEnvFix(ctx: JsContext, lit: ts.StringLiteral, envName: string): Fix {
  const q = ctx.file.text[lit.getStart(ctx.sourceFile)] === '"' ? '"' : "'";
  const edits = [{ start: lit.getStart(ctx.sourceFile), end: lit.getEnd(), newText: `${REQUIRE_ENV}(${q}${envName}${q})` }];
  const helper = ensureRequireEnv(ctx.file.text, ctx.sourceFile, ctx.file.language === 'typescript');
  if (helper) edits.push(helper);
  return withEnvExample({ title: `Read the secret from the environment (\`${REQUIRE_ENV}("${envName}")\`, which throws when it is missing)`, applicability: 'unsafe', edits }, ctx.file.path, envName);
}
