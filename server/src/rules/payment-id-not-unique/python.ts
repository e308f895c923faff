/**
 * payment-id-not-unique, Python: a Django model field that holds a payment provider's id of a
 * payment (`stripe_payment_intent_id`, `stripe_charge_id`, `paypal_order_id`,
 * `checkout_session_id`...) or an idempotency key, with no `unique=True`, no
 * `primary_key=True`, and in no `unique_together` / `UniqueConstraint` of the module.
 *
 * The field is a string or UUID field resolved to `django.db.models` through the imports (never
 * a relation). Ids of shared objects are left alone (`stripe_customer_id`, `stripe_price_id`,
 * a card's `payment_method`), and so are ids a log or child record repeats
 * (`PaymentAttempt.payment_intent_id`, `Refund.stripe_charge_id`); an id named after the model
 * itself (`Invoice.stripe_invoice_id`, `Subscription.stripe_subscription_id`) is its own and counts.
 */
import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { keywordArg, stringValue } from '../../lang/python/ast';
import { outsideProductionPython } from '../../lang/python/django';
import { uniqueFix } from '../../../../codemods/python/payment-id-not-unique';

const PROVIDERS = 'stripe|paypal|razorpay|braintree|square|mollie|paddle|adyen|paystack|flutterwave|lemonsqueezy|checkout|gocardless|klarna|mercadopago|cashfree|payu';
/** Resources that stand for one payment: their id must not repeat. */
const PAYMENT_RESOURCES = 'payment_intent|charge|checkout_session|session|refund|transfer|payout|capture|order|sale|payment|transaction|authorization|setup_intent|event';
const PROVIDER_ID = new RegExp(`^(?:${PROVIDERS})_(${PAYMENT_RESOURCES})_id$`);
/** Names that say "a payment's id" with no provider prefix. */
const BARE_ID = /^(?:(payment_intent)(?:_id)?|(checkout_session)_id|(charge)_id)$/;
const OWN_ID = new RegExp(`^(?:${PROVIDERS})_(\\w+)_id$`);
const IDEMPOTENCY = /(?:^|_)idempotency_key$/;
/** Records that repeat their parent payment's id: several attempts, events, refunds per payment. */
const CHILD_RECORD = /(?:Log|Event|Attempt|History|Refund|Dispute|Line|Item|Notification|Webhook|Audit|Entry|Fee|Adjustment)s?$/;
const STRING_FIELDS = new Set(['CharField', 'TextField', 'SlugField', 'UUIDField']);

function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** The field holds a payment id or an idempotency key, for a model named `cls`. */
function paymentField(field: string, cls: string): boolean {
  // an event or log record repeats the key of the request that made it
  if (IDEMPOTENCY.test(field)) return !CHILD_RECORD.test(cls);
  const own = OWN_ID.exec(field);
  // the model's own provider id: `Invoice.stripe_invoice_id`, `StripeSubscription.stripe_subscription_id`
  if (own && snake(cls).endsWith(own[1])) return true;
  const m = PROVIDER_ID.exec(field) ?? BARE_ID.exec(field);
  if (!m) return false;
  return !CHILD_RECORD.test(cls);
}

/** `unique_together` / `UniqueConstraint` of the module naming the field. */
function constrained(root: Node, field: string): boolean {
  const text = root.text;
  if (!/unique_together|UniqueConstraint/.test(text)) return false;
  const quoted = new RegExp(`["']${field}["']`);
  for (const m of text.matchAll(/unique_together\s*=|UniqueConstraint\s*\(/g)) {
    // the statement or call that follows: up to a balanced close
    let depth = 0;
    let i = m.index! + m[0].length;
    let seenOpen = m[0].endsWith('(');
    if (seenOpen) depth = 1;
    const start = i;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '(' || c === '[' || c === '{') {
        depth++;
        seenOpen = true;
      } else if (c === ')' || c === ']' || c === '}') {
        depth--;
        if (depth <= 0 && seenOpen) break;
      } else if ((c === '\n') && depth === 0 && seenOpen) break;
    }
    if (quoted.test(text.slice(start, i + 1))) return true;
  }
  return false;
}

export const python: PyDetector = {
  nodeTypes: ['assignment'],
  requires: /payment_intent|_charge_id|charge_id|checkout_session_id|idempotency_key|(?:stripe|paypal|razorpay|braintree|square|mollie|paddle|adyen|paystack|flutterwave|lemonsqueezy|checkout|gocardless|klarna|mercadopago|cashfree|payu)_\w+_id/,
  visit(node: Node, ctx: PyContext) {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (left?.type !== 'identifier' || right?.type !== 'call') return;
    // a class-body attribute
    const stmt = node.parent;
    const cls = stmt?.type === 'expression_statement' && stmt.parent?.type === 'block' ? stmt.parent.parent : null;
    if (cls?.type !== 'class_definition') return;
    const clsName = cls.childForFieldName('name')?.text ?? '';
    if (clsName === 'Meta' || !paymentField(left.text, clsName)) return;
    const q = ctx.bindings.resolve(right.childForFieldName('function'));
    const m = q ? /^django\.db\.models(?:\.fields)?\.(\w+)$/.exec(q) : null;
    if (!m || !STRING_FIELDS.has(m[1])) return;
    for (const flag of ['unique', 'primary_key']) {
      if (keywordArg(right, flag)) return; // `unique=True`, or an explicit choice either way
    }
    if (right.childForFieldName('arguments')?.namedChildren.some((a) => a.type === 'dictionary_splat')) return;
    if (constrained(ctx.root, left.text) || outsideProductionPython(ctx.file.path, ctx.file.text)) return;
    const nullable = keywordArg(right, 'null')?.type === 'true';
    const blank = keywordArg(right, 'blank')?.type === 'true';
    const def = keywordArg(right, 'default');
    const emptyDefault = stringValue(def) === '';
    const what = IDEMPOTENCY.test(left.text) ? 'an idempotency key' : 'a payment provider id';
    const collide = m[1] !== 'UUIDField' && !nullable && (blank || emptyDefault);
    if (collide) {
      ctx.report({
        node: left,
        message: `\`${left.text}\` holds ${what} but is not unique: a retried request or a replayed webhook stores the same payment twice. No automatic fix: rows without a value hold "" and would collide under \`unique=True\`; store NULL for "no id yet" (\`null=True\`, data migration from "" to NULL), then add \`unique=True\``,
      });
      return;
    }
    ctx.report({
      node: left,
      message: `\`${left.text}\` holds ${what} but is not unique: a retried request or a replayed webhook stores the same payment twice; add \`unique=True\` (a migration is needed, and it fails while duplicate rows exist)`,
      fixes: () => [uniqueFix(ctx.file.text, right, ctx.file.path)],
    });
  },
};
