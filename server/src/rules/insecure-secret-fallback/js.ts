import { ts } from 'ts-morph';
import type { Fix, JsContext, JsDetector } from '../../engine/types';
import { isBrowserModule, isJsTestCode } from '../../lang/scope';
import { isNonProductionConfig, isSecretName } from '../hardcoded-secret/patterns';
import { jsTargetName } from '../hardcoded-secret/js';
import { ensureRequireEnv, REQUIRE_ENV, withEnvExample } from '../hardcoded-secret/env';
import { unlessShipped } from './shipped';

/** `process.env.NAME` / `process.env["NAME"]`: the name, else null. */
function envRead(n: ts.Expression): string | null {
  while (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n)) n = n.expression;
  const obj = ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n) ? n.expression : null;
  if (!obj || !ts.isPropertyAccessExpression(obj) || obj.name.text !== 'env' || !ts.isIdentifier(obj.expression) || obj.expression.text !== 'process') return null;
  if (ts.isPropertyAccessExpression(n)) return n.name.text;
  if (ts.isElementAccessExpression(n) && ts.isStringLiteralLike(n.argumentExpression)) return n.argumentExpression.text;
  return null;
}

/** `const { JWT_SECRET = "dev" } = process.env`: the variable's name and its literal default, else null. */
function destructuredDefault(el: ts.BindingElement): { name: string; value: ts.StringLiteralLike } | null {
  if (!el.initializer || !ts.isStringLiteralLike(el.initializer) || el.initializer.text === '' || el.dotDotDotToken) return null;
  const pattern = el.parent;
  const decl = ts.isObjectBindingPattern(pattern) ? pattern.parent : null;
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return null;
  const init = decl.initializer;
  if (!ts.isPropertyAccessExpression(init) || init.name.text !== 'env' || !ts.isIdentifier(init.expression) || init.expression.text !== 'process') return null;
  const key = el.propertyName ?? el.name;
  const name = ts.isIdentifier(key) || ts.isStringLiteral(key) ? key.text : null;
  return name ? { name, value: el.initializer } : null;
}

export const js: JsDetector = {
  kinds: [ts.SyntaxKind.BinaryExpression, ts.SyntaxKind.BindingElement],
  requires: /process\.env/,
  visit(node: ts.Node, ctx: JsContext) {
    if (ts.isBindingElement(node)) {
      const d = destructuredDefault(node);
      const local = ts.isIdentifier(node.name) ? node.name.text : null;
      if (!d || (!isSecretName(d.name) && !(local && isSecretName(local)))) return;
      if (isJsTestCode(ctx.file.path, ctx.file.text) || isBrowserModule(ctx.file.path, ctx.file.text) || isNonProductionConfig(ctx.file.path)) return;
      ctx.report({
        node,
        start: node.getStart(ctx.sourceFile),
        end: node.getEnd(),
        message: `\`${d.name}\` falls back to a literal when the variable is missing: production then runs with a secret everyone who reads the code knows; fail fast instead`,
        fixes: () => [unlessShipped(defaultFailFastFix(ctx, d.value, d.name), ctx.file.path, d.name, d.value.text)],
      });
      return;
    }
    const bin = node as ts.BinaryExpression;
    const op = bin.operatorToken.kind;
    if (op !== ts.SyntaxKind.BarBarToken && op !== ts.SyntaxKind.QuestionQuestionToken) return;
    if (!ts.isStringLiteralLike(bin.right) || bin.right.text === '') return;
    const name = envRead(bin.left);
    if (!name) return;
    const target = jsTargetName(bin);
    if (!isSecretName(name) && !(target && isSecretName(target))) return;
    if (isJsTestCode(ctx.file.path, ctx.file.text) || isBrowserModule(ctx.file.path, ctx.file.text) || isNonProductionConfig(ctx.file.path)) return;
    ctx.report({
      node,
      start: bin.getStart(ctx.sourceFile),
      end: bin.getEnd(),
      message: `\`${name}\` falls back to a literal when the variable is missing: production then runs with a secret everyone who reads the code knows; fail fast instead`,
      fixes: () => [unlessShipped(failFastFix(ctx, bin, name), ctx.file.path, name, (bin.right as ts.StringLiteralLike).text)],
    });
  },
};

function failFastFix(ctx: JsContext, bin: ts.BinaryExpression, name: string): Fix {
  const quote = ctx.file.text[bin.right.getStart(ctx.sourceFile)] === '"' ? '"' : "'";
  const edits = [{ start: bin.getStart(ctx.sourceFile), end: bin.getEnd(), newText: `${REQUIRE_ENV}(${quote}${name}${quote})` }];
  const helper = ensureRequireEnv(ctx.file.text, ctx.sourceFile, ctx.file.language === 'typescript');
  if (helper) edits.push(helper);
  return withEnvExample({ title: `Fail fast when \`${name}\` is missing (\`${REQUIRE_ENV}(${quote}${name}${quote})\`, which throws)`, applicability: 'unsafe', edits }, ctx.file.path, name);
}

/** `{ JWT_SECRET = "dev" } = process.env` -> `{ JWT_SECRET = requireEnv("JWT_SECRET") } = process.env`: the default now throws. */
function defaultFailFastFix(ctx: JsContext, value: ts.StringLiteralLike, name: string): Fix {
  const quote = ctx.file.text[value.getStart(ctx.sourceFile)] === '"' ? '"' : "'";
  const edits = [{ start: value.getStart(ctx.sourceFile), end: value.getEnd(), newText: `${REQUIRE_ENV}(${quote}${name}${quote})` }];
  const helper = ensureRequireEnv(ctx.file.text, ctx.sourceFile, ctx.file.language === 'typescript');
  if (helper) edits.push(helper);
  return withEnvExample({ title: `Fail fast when \`${name}\` is missing (the default becomes \`${REQUIRE_ENV}(${quote}${name}${quote})\`, which throws)`, applicability: 'unsafe', edits }, ctx.file.path, name);
}
