/** What the Python and JS detectors of `stripe-webhook-signature` share. */

/**
 * Object prefixes of Stripe event types (https://docs.stripe.com/api/events/types).
 * A string is a Stripe event type when it is `<prefix>.<action>` with one of these
 * prefixes (or a wildcard / prefix form such as `customer.subscription.`).
 */
const STRIPE_EVENT_OBJECTS = [
  'account',
  'account.application',
  'account.external_account',
  'application_fee',
  'application_fee.refund',
  'balance',
  'billing_portal.configuration',
  'billing_portal.session',
  'capability',
  'cash_balance',
  'charge',
  'charge.dispute',
  'charge.dispute.funds',
  'charge.refund',
  'checkout.session',
  'coupon',
  'credit_note',
  'customer',
  'customer.discount',
  'customer.source',
  'customer.subscription',
  'customer.tax_id',
  'customer_cash_balance_transaction',
  'entitlements.active_entitlement_summary',
  'file',
  'financial_connections.account',
  'identity.verification_session',
  'invoice',
  'invoice_payment',
  'invoiceitem',
  'issuing_authorization',
  'issuing_card',
  'issuing_cardholder',
  'issuing_dispute',
  'issuing_transaction',
  'mandate',
  'payment_intent',
  'payment_link',
  'payment_method',
  'payout',
  'person',
  'plan',
  'price',
  'product',
  'promotion_code',
  'quote',
  'radar.early_fraud_warning',
  'refund',
  'review',
  'setup_intent',
  'sigma.scheduled_query_run',
  'source',
  'subscription_schedule',
  'tax.settings',
  'tax_rate',
  'terminal.reader',
  'test_helpers.test_clock',
  'topup',
  'transfer',
  'treasury.received_credit',
];

const EVENT_TYPE_RE = new RegExp(
  `^(?:${STRIPE_EVENT_OBJECTS.map((p) => p.replace(/\./g, '\\.')).join('|')})\\.(?:[a-z_]+(?:\\.[a-z_]+)*|\\*)?$`,
);

/** `checkout.session.completed`, `invoice.paid`, `customer.subscription.*`, `customer.subscription.` */
export function isStripeEventType(value: string): boolean {
  return value.length < 80 && EVENT_TYPE_RE.test(value);
}

/** Names of helpers and decorators that verify a signature somewhere we cannot see (imported code). */
export const VERIFIER_NAME_RE =
  /signature|verify_?(?:stripe|webhook|event|payload|request|sig)|(?:stripe|webhook)_?verif|validate_?(?:stripe|webhook)|verify(?:Stripe|Webhook|Event|Payload|Request|Sig)|(?:Stripe|Webhook)Verif|validate(?:Stripe|Webhook)/i;

export const MESSAGE =
  'Stripe webhook handler trusts the request body without verifying its `Stripe-Signature`: anyone can post a forged event';

/** The message, naming the first concrete Stripe event type the handler acts on (`invoice.paid`), if any. */
export function webhookMessage(handlerText: string): string {
  for (const m of handlerText.matchAll(/["'`]([a-z_]+(?:\.[a-z_]+)+)["'`]/g)) {
    if (isStripeEventType(m[1]) && !m[1].endsWith('.')) return `${MESSAGE} (a fake \`${m[1]}\`)`;
  }
  return MESSAGE;
}

/** Prefilter (see PyDetector.requires): a flagged handler needs a Stripe event type literal or construct_from. */
export const REQUIRES = new RegExp(
  `construct_?from|constructEvent|["'\`](?:${[...new Set(STRIPE_EVENT_OBJECTS.map((p) => p.split('.')[0]))].join('|')})\\.`,
  'i',
);
