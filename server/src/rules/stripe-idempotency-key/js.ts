import { ts } from 'ts-morph';
import type { Fix, JsContext, JsDetector } from '../../engine/types';
import { fixFromTransform } from '../../../../codemods/lib/jscodeshift';
import transform from '../../../../codemods/js/stripe-idempotency-key';
import { isJsTestCode } from '../../lang/scope';
import { classifyJs, consequence, placeholderTitle, REQUIRES_JS, RISK, snippetEdits, type KeyDerivation, type StripeOperation } from './operations';

const OPTION_KEYS = new Set(['idempotencyKey', 'idempotency_key']);
const CANDIDATE_METHODS = new Set(['create', 'confirm', 'capture', 'pay', 'finalizeInvoice', 'incrementAuthorization', 'createReversal', 'createRefund', 'createBalanceTransaction']);

/**
 * stripe-node calls that create or move money without request options
 * carrying `idempotencyKey`. The receiver must resolve to a Stripe instance
 * (`new Stripe(k)`, `require("stripe")(k)`, a parameter or member typed
 * `Stripe`, `this.stripe`); anything else with a `create` method is ignored.
 */
export const js: JsDetector = {
  kinds: [ts.SyntaxKind.CallExpression],
  requires: REQUIRES_JS,
  visit(node: ts.Node, ctx: JsContext) {
    const call = node as ts.CallExpression;
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || !CANDIDATE_METHODS.has(callee.name.text)) return;
    const op = classifyJs(ctx.bindings.resolve(callee)) ?? classifyJs(resolveViaAnnotation(callee, ctx));
    if (!op || !lacksKey(call, op)) return;
    if (isJsTestCode(ctx.file.path, ctx.file.text)) return; // test mode: nobody is charged twice
    const sf = ctx.sourceFile;
    const start = call.getStart(sf);
    const text = callee.getText(sf).replace(/\s+/g, '');
    const shown = text.length > 60 ? `…${text.slice(-58)}` : text;
    ctx.report({
      node: call,
      start,
      end: callee.getEnd(),
      message: `\`${shown}(...)\` without an \`idempotencyKey\` request option: ${RISK} ${consequence(op)}`,
      fixes: () => [buildFix(ctx, start, call.getEnd())],
    });
  },
};


function propertyName(p: ts.ObjectLiteralElementLike): string | null {
  if (!p.name) return null;
  if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) return p.name.text;
  return null;
}

/** True when no argument can carry the key: options absent, `undefined`, or a literal without it. */
export function lacksKey(call: ts.CallExpression, op: StripeOperation): boolean {
  const args = call.arguments;
  if (args.some((a) => ts.isSpreadElement(a))) return false;
  for (let i = op.ids; i < args.length; i++) {
    const a = skipParens(args[i]);
    if (ts.isObjectLiteralExpression(a) && a.properties.some((p) => OPTION_KEYS.has(propertyName(p) ?? ''))) return false;
  }
  const options = args[op.ids + 1];
  if (!options) return true;
  const o = skipParens(options);
  if (ts.isIdentifier(o) && o.text === 'undefined') return true;
  if (!ts.isObjectLiteralExpression(o)) return false; // a variable or call: may carry the key
  return !o.properties.some((p) => ts.isSpreadAssignment(p) || (p.name !== undefined && ts.isComputedPropertyName(p.name)));
}

function skipParens(e: ts.Expression): ts.Expression {
  let cur = e;
  while (ts.isParenthesizedExpression(cur) || ts.isAsExpression(cur) || ts.isSatisfiesExpression(cur)) cur = cur.expression;
  return cur;
}

function buildFix(ctx: JsContext, start: number, end: number): Fix | null {
  // the transform calls back when no key can be written without a human: it then writes the placeholder
  let needs: KeyDerivation | null = null;
  const onNeedsInput = (d: KeyDerivation): void => {
    needs = d;
  };
  const fix = fixFromTransform(ctx.file, transform, { start, end }, 'Add an `idempotencyKey` request option', 'unsafe', { needsInput: onNeedsInput });
  if (!fix) return null;
  const asked = needs as KeyDerivation | null;
  if (asked && 'needsInput' in asked) {
    return {
      ...fix,
      title: placeholderTitle('an `idempotencyKey`', asked),
      snippet: snippetEdits(fix.edits) ?? undefined,
      needsInput: asked.needsInput,
    };
  }
  const inserted = fix.edits.map((e) => e.newText).join('');
  const key = /idempotencyKey: (`[^`\r\n]*`)/.exec(inserted)?.[1];
  return key ? { ...fix, title: `Add \`{ idempotencyKey: ${key} }\`` } : fix;
}

/**
 * `const stripe: Stripe = getStripe()`: the initializer is opaque (another module),
 * but the declared type says what the variable holds.
 */
function resolveViaAnnotation(callee: ts.PropertyAccessExpression, ctx: JsContext): string | null {
  const chain: string[] = [];
  let cur: ts.Expression = callee;
  while (ts.isPropertyAccessExpression(cur)) {
    chain.unshift(cur.name.text);
    cur = cur.expression;
  }
  if (!ts.isIdentifier(cur)) return null;
  const name = cur.text;
  for (let scope: ts.Node | undefined = cur.parent; scope; scope = scope.parent) {
    const statements = ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope) ? scope.statements : null;
    if (!statements) continue;
    for (const st of statements) {
      if (!ts.isVariableStatement(st)) continue;
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || d.name.text !== name) continue;
        if (!d.type || !ts.isTypeReferenceNode(d.type)) return null;
        const tn = d.type.typeName;
        const base = ts.isIdentifier(tn) ? ctx.bindings.resolveIdentifier(tn) : null;
        return base ? `${base}().${chain.join('.')}` : null;
      }
    }
  }
  return null;
}
