import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { callArgs, hasKwargsSplat, keywordArg } from '../../lang/python/ast';
import { addIdempotencyKeyFix, optionsArgument } from '../../../../codemods/python/stripe-idempotency-key';
import { classifyPython, consequence, REQUIRES_PY, RISK } from './operations';
import { isPythonTestCode } from '../../lang/scope';
import { splatMayCarry } from '../request-without-timeout/py-splat';

/**
 * stripe-python calls that create or move money without an idempotency key:
 * legacy `stripe.X.create(...)` without `idempotency_key=`, and StripeClient
 * calls without `options={"idempotency_key": ...}`. The receiver is resolved
 * through imports, aliases, assignments and `self` attributes, and through a
 * parameter annotated `StripeClient`.
 */
export const python: PyDetector = {
  nodeTypes: ['call'],
  requires: REQUIRES_PY,
  visit(node: Node, ctx: PyContext) {
    const fn = node.childForFieldName('function');
    if (!fn || fn.type !== 'attribute') return;
    const attr = fn.childForFieldName('attribute')?.text;
    if (!attr || !CANDIDATE_METHODS.test(attr)) return; // cheap filter before resolving
    const match = classifyPython(ctx.bindings.resolve(fn) ?? resolveViaAnnotation(fn, ctx));
    if (!match) return;
    // **kwargs may carry the key (or the options), unless it is a local dict built from literal keys
    if (hasKwargsSplat(node) && splatMayCarry(node, match.api === 'legacy' ? ['idempotency_key'] : ['options'])) return;
    if (callArgs(node).some((a) => a.type === 'list_splat')) return;
    if (isPythonTestCode(ctx.file.path, ctx.file.text)) return; // test mode: nobody is charged twice
    if (match.api === 'legacy') {
      if (keywordArg(node, 'idempotency_key')) return;
    } else if (!optionsLackKey(optionsArgument(node, match.ids))) {
      return;
    }
    const callee = fn.text.length > 60 ? `…${fn.text.slice(-58)}` : fn.text;
    const where = match.api === 'legacy' ? '`idempotency_key=`' : '`options={"idempotency_key": ...}`';
    ctx.report({
      node,
      start: node.startIndex,
      end: fn.endIndex,
      message: `\`${callee}(...)\` without ${where}: ${RISK} ${consequence(match.op)}`,
      fixes: () => [addIdempotencyKeyFix(ctx.file.text, node, match, ctx.file.path)],
    });
  },
};

const CANDIDATE_METHODS = /^(create|confirm|capture|pay|finalize_invoice|increment_authorization|create_reversal|create_refund|create_balance_transaction)(_async)?$/;


/** True when the StripeClient options argument provably has no idempotency key. */
function optionsLackKey(options: Node | null): boolean {
  if (!options) return true;
  if (options.type === 'none') return true;
  if (options.type !== 'dictionary') return false; // a variable or call: may carry the key
  for (const item of options.namedChildren) {
    if (!item) continue;
    if (item.type === 'dictionary_splat') return false;
    if (item.type === 'pair') {
      const key = item.childForFieldName('key');
      if (key?.type !== 'string') return false; // computed key
      if (/^[rbuRBU]?["']{1,3}idempotency_key["']{1,3}$/.test(key.text)) return false;
    }
  }
  return true;
}

/**
 * `def charge(client: StripeClient, ...)` / `client: stripe.StripeClient`:
 * parameters are unknown to the binder, but an annotation says what they hold.
 */
function resolveViaAnnotation(fn: Node, ctx: PyContext): string | null {
  const chain: string[] = [];
  let cur: Node | null = fn;
  while (cur?.type === 'attribute') {
    const a = cur.childForFieldName('attribute');
    if (!a) return null;
    chain.unshift(a.text);
    cur = cur.childForFieldName('object');
  }
  if (cur?.type !== 'identifier') return null;
  const name = cur.text;
  for (let scope = ctx.bindings.enclosingFunction(fn); scope; scope = ctx.bindings.enclosingFunction(scope)) {
    for (const p of scope.childForFieldName('parameters')?.namedChildren ?? []) {
      if (!p || (p.type !== 'typed_parameter' && p.type !== 'typed_default_parameter')) continue;
      const id = p.type === 'typed_parameter' ? p.namedChildren.find((c) => c?.type === 'identifier') : p.childForFieldName('name');
      if (id?.text !== name) continue;
      let type = p.childForFieldName('type');
      if (type?.type === 'type') type = type.namedChildren[0] ?? null;
      if (!type) return null;
      const typeName = type.type === 'string' ? null : ctx.bindings.resolve(type);
      return typeName ? `${typeName}().${chain.join('.')}` : null;
    }
  }
  return null;
}
