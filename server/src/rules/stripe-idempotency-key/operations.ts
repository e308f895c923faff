/**
 * The Stripe operations that create or move money, in the three spellings the
 * SDKs use, plus the naming rules shared by the detectors and the codemods
 * (which business ids make a stable idempotency key, how a key is labelled).
 *
 * Kept free of any parser so the jscodeshift transform can import it too.
 */

export interface StripeOperation {
  /** stripe-python legacy API, after `stripe.`: `checkout.Session.create` */
  py: string;
  /** stripe-python `StripeClient` services, after `client.` / `client.v1.`: `checkout.sessions.create` */
  client: string;
  /** stripe-node, after the `Stripe` instance: `checkout.sessions.create` */
  js: string;
  /** Leading positional ids before the params (`confirm(id, params, options)` has 1). */
  ids: number;
  /** Key prefix naming the operation: `checkout-session`, `payment-intent-capture`. */
  label: string;
  /** Extra names of stable ids that fit this operation only (one Stripe customer per user). */
  ownerWords?: readonly string[];
  /**
   * The operation can happen only once per object (confirm, capture, pay, finalize):
   * the object's own id argument is the best key.
   */
  oncePerObject?: boolean;
  /**
   * Parameters that legitimately differ between two attempts on the same object:
   * a confirm declined for one card is retried with another. The key must
   * include the one passed, or the retry gets the first attempt's answer back.
   */
  varies?: readonly string[];
  /** A create that can confirm at once (`confirm=True`): then it is an attempt like a confirm. */
  confirmable?: boolean;
}

/** What an attempt of confirm / pay may change: the payment method. */
export const RETRIED_WITH: readonly string[] = ['payment_method', 'source'];

const CUSTOMER_OWNERS = ['user', 'account', 'profile', 'organization', 'org', 'team', 'company', 'tenant', 'member', 'workspace'];

export const OPERATIONS: readonly StripeOperation[] = [
  { py: 'PaymentIntent.create', client: 'payment_intents.create', js: 'paymentIntents.create', ids: 0, label: 'payment-intent', confirmable: true },
  { py: 'PaymentIntent.confirm', client: 'payment_intents.confirm', js: 'paymentIntents.confirm', ids: 1, label: 'payment-intent-confirm', oncePerObject: true, varies: RETRIED_WITH },
  { py: 'PaymentIntent.capture', client: 'payment_intents.capture', js: 'paymentIntents.capture', ids: 1, label: 'payment-intent-capture', oncePerObject: true },
  {
    py: 'PaymentIntent.increment_authorization',
    client: 'payment_intents.increment_authorization',
    js: 'paymentIntents.incrementAuthorization',
    ids: 1,
    label: 'payment-intent-increment-authorization',
  },
  { py: 'Charge.create', client: 'charges.create', js: 'charges.create', ids: 0, label: 'charge' },
  { py: 'Charge.capture', client: 'charges.capture', js: 'charges.capture', ids: 1, label: 'charge-capture', oncePerObject: true },
  { py: 'Refund.create', client: 'refunds.create', js: 'refunds.create', ids: 0, label: 'refund' },
  { py: 'Transfer.create', client: 'transfers.create', js: 'transfers.create', ids: 0, label: 'transfer' },
  { py: 'Transfer.create_reversal', client: 'transfers.reversals.create', js: 'transfers.createReversal', ids: 1, label: 'transfer-reversal' },
  { py: 'Payout.create', client: 'payouts.create', js: 'payouts.create', ids: 0, label: 'payout' },
  { py: 'Topup.create', client: 'topups.create', js: 'topups.create', ids: 0, label: 'topup' },
  { py: 'checkout.Session.create', client: 'checkout.sessions.create', js: 'checkout.sessions.create', ids: 0, label: 'checkout-session' },
  { py: 'PaymentLink.create', client: 'payment_links.create', js: 'paymentLinks.create', ids: 0, label: 'payment-link' },
  { py: 'Subscription.create', client: 'subscriptions.create', js: 'subscriptions.create', ids: 0, label: 'subscription' },
  { py: 'SubscriptionItem.create', client: 'subscription_items.create', js: 'subscriptionItems.create', ids: 0, label: 'subscription-item' },
  {
    py: 'SubscriptionSchedule.create',
    client: 'subscription_schedules.create',
    js: 'subscriptionSchedules.create',
    ids: 0,
    label: 'subscription-schedule',
  },
  { py: 'Invoice.create', client: 'invoices.create', js: 'invoices.create', ids: 0, label: 'invoice' },
  { py: 'Invoice.pay', client: 'invoices.pay', js: 'invoices.pay', ids: 1, label: 'invoice-pay', oncePerObject: true, varies: RETRIED_WITH },
  { py: 'Invoice.finalize_invoice', client: 'invoices.finalize_invoice', js: 'invoices.finalizeInvoice', ids: 1, label: 'invoice-finalize', oncePerObject: true },
  { py: 'InvoiceItem.create', client: 'invoice_items.create', js: 'invoiceItems.create', ids: 0, label: 'invoice-item' },
  { py: 'CreditNote.create', client: 'credit_notes.create', js: 'creditNotes.create', ids: 0, label: 'credit-note' },
  { py: 'Customer.create', client: 'customers.create', js: 'customers.create', ids: 0, label: 'customer', ownerWords: CUSTOMER_OWNERS },
  {
    py: 'Customer.create_balance_transaction',
    client: 'customers.balance_transactions.create',
    js: 'customers.createBalanceTransaction',
    ids: 1,
    label: 'customer-balance-transaction',
  },
  { py: 'SetupIntent.create', client: 'setup_intents.create', js: 'setupIntents.create', ids: 0, label: 'setup-intent', confirmable: true },
  { py: 'SetupIntent.confirm', client: 'setup_intents.confirm', js: 'setupIntents.confirm', ids: 1, label: 'setup-intent-confirm', oncePerObject: true, varies: RETRIED_WITH },
  { py: 'ApplicationFee.create_refund', client: 'application_fees.refunds.create', js: 'applicationFees.createRefund', ids: 1, label: 'application-fee-refund' },
];

const BY_PY = new Map(OPERATIONS.map((o) => [o.py, o]));
const BY_CLIENT = new Map(OPERATIONS.map((o) => [o.client, o]));
const BY_JS = new Map(OPERATIONS.map((o) => [o.js, o]));
/** Methods of a retrieved stripe-python object that move money: `stripe.PaymentIntent.retrieve(id).capture()`. */
const PY_INSTANCE_SOURCES = new Set(['retrieve()', 'create()', 'construct_from()']);

export function jsOperation(path: string): StripeOperation | null {
  return BY_JS.get(path) ?? null;
}

export type PyMatch = { api: 'legacy' | 'client'; op: StripeOperation; ids: number };

/**
 * Classifies a resolved Python qualified name:
 *   stripe.checkout.Session.create                 -> legacy checkout.Session.create
 *   stripe.api_resources.payment_intent.PaymentIntent.capture -> legacy PaymentIntent.capture
 *   stripe.PaymentIntent.retrieve().capture        -> legacy instance method (no id argument)
 *   stripe.StripeClient().v1.refunds.create        -> client refunds.create
 * `_async` variants map to the same operation.
 */
export function classifyPython(qname: string | null): PyMatch | null {
  if (!qname || !qname.startsWith('stripe.')) return null;
  const segs = qname.split('.').slice(1).filter((s) => s !== 'api_resources' && !s.startsWith('_'));
  const clientAt = segs.indexOf('StripeClient()');
  if (clientAt >= 0) {
    let rest = segs.slice(clientAt + 1);
    if (rest[0] === 'v1') rest = rest.slice(1);
    if (rest.length < 2) return null;
    rest[rest.length - 1] = stripAsync(rest[rest.length - 1]);
    const op = BY_CLIENT.get(rest.join('.'));
    return op ? { api: 'client', op, ids: op.ids } : null;
  }
  // drop module segments that only repeat the class name (payment_intent.PaymentIntent)
  const norm: string[] = [];
  for (let i = 0; i < segs.length; i++) {
    const next = segs[i + 1];
    if (next && /^[A-Z]/.test(next) && segs[i] === snake(next.replace(/\(\)$/, ''))) continue;
    norm.push(segs[i]);
  }
  if (norm.length < 2) return null;
  const method = stripAsync(norm[norm.length - 1]);
  const owner = norm.slice(0, -1);
  const last = owner[owner.length - 1];
  if (PY_INSTANCE_SOURCES.has(last)) {
    // instance method on a retrieved object: the object is the id
    const op = BY_PY.get([...owner.slice(0, -1), method].join('.'));
    return op && op.ids === 1 ? { api: 'legacy', op, ids: 0 } : null;
  }
  if (owner.some((s) => s.endsWith('()'))) return null;
  const op = BY_PY.get([...owner, method].join('.'));
  return op ? { api: 'legacy', op, ids: op.ids } : null;
}

/**
 * Classifies a resolved JS qualified name whose root is a Stripe instance:
 * `stripe().checkout.sessions.create`, `stripe.Stripe().refunds.create`.
 */
export function classifyJs(qname: string | null): StripeOperation | null {
  if (!qname) return null;
  for (const root of ['stripe().', 'stripe.Stripe().', 'stripe.default().', 'stripe.default.Stripe().']) {
    if (qname.startsWith(root)) return jsOperation(qname.slice(root.length));
  }
  // The app's own Stripe module: `import { stripe } from "@/lib/stripe"`, `getStripe()` from "../lib/stripe"
  const local = LOCAL_STRIPE_MODULE.exec(qname);
  return local ? jsOperation(local[1]) : null;
}

/**
 * A project module named stripe exporting the instance (or a getter for it), then the operation path:
 * relative and alias paths (`./lib/stripe`, `@/lib/stripe`, `~/server/stripe`, `#lib/stripe`), and
 * monorepo workspace packages (`@acme/lib/server-only/stripe`, `@acme/stripe`). Stripe's own scoped
 * packages (`@stripe/stripe-js`) do not end in a `stripe` segment.
 */
const LOCAL_STRIPE_MODULE = /^(?:\.{1,2}\/|@\/|~\/|#|@[\w-]+\/)(?:[\w.-]+\/)*stripe(?:[-_]?(?:client|server|instance))?(?:\.(?:ts|js|mjs|cjs))?(?:\.(?:stripe\w*|getStripe\w*\(\)|default))?\.(.+)$/i;

function stripAsync(method: string): string {
  return method.endsWith('_async') ? method.slice(0, -'_async'.length) : method;
}

function snake(camel: string): string {
  return camel.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

// ---------------------------------------------------------------------------
// Stable business ids

/**
 * Words naming one business transaction: an id of one of these is unique per
 * purchase, so a key derived from it stops a retry or a double submit without
 * ever merging two different purchases. Users, customers, products, prices and
 * payment methods are deliberately absent: they repeat across purchases.
 */
export const BUSINESS_WORDS: readonly string[] = [
  'order',
  'booking',
  'reservation',
  'cart',
  'basket',
  'checkout',
  'invoice',
  'purchase',
  'payment',
  'subscription',
  'ticket',
  'registration',
  'enrollment',
  'enrolment',
  'appointment',
  'donation',
  'pledge',
  'rental',
  'shipment',
  'refund',
  'payout',
  'transfer',
  'withdrawal',
  'deposit',
  'topup',
];

/** Words allowed for this operation, in priority order. */
export function wordsFor(op: StripeOperation): readonly string[] {
  return op.ownerWords ? [...BUSINESS_WORDS, ...op.ownerWords] : BUSINESS_WORDS;
}

function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split('_')
    .filter(Boolean);
}

/**
 * For a variable holding a business object (`order`, `ticket_order`, `pendingBooking`):
 * the index of its word in `words` (lower is preferred), else -1.
 */
export function objectWordRank(name: string, words: readonly string[]): number {
  const parts = splitWords(name);
  if (!parts.length || parts.length > 3) return -1;
  return words.indexOf(parts[parts.length - 1]);
}

/** For a variable holding an id (`order_id`, `bookingId`, `order_pk`, `cartUuid`): the rank of its word, else -1. */
export function idWordRank(name: string, words: readonly string[]): number {
  const parts = splitWords(name);
  if (parts.length < 2 || parts.length > 4) return -1;
  const suffix = parts[parts.length - 1];
  if (suffix !== 'id' && suffix !== 'pk' && suffix !== 'uuid') return -1;
  return words.indexOf(parts[parts.length - 2]);
}

/** Attribute names that hold a row's own id. */
/** A possible key source: the expression, how well its name fits the operation, how far out its scope is. */
export interface KeyCandidate {
  expr: string;
  rank: number;
  depth: number;
}

/**
 * Ranks the names in scope as key sources, the same way in both languages: a
 * name that is itself an id (`order_id`, `bookingId`) as it is, and a business
 * object (`order`, `cart`) through the id attribute the function already uses.
 */
export function rankNames(
  names: Iterable<string>,
  words: readonly string[],
  depth: number,
  exclude: string | null,
  idAttributeUsed: (name: string) => string | null,
  out: KeyCandidate[],
): void {
  for (const name of names) {
    if (name === exclude) continue;
    const idRank = idWordRank(name, words);
    if (idRank >= 0) {
      out.push({ expr: name, rank: idRank, depth });
      continue;
    }
    const objRank = objectWordRank(name, words);
    if (objRank < 0) continue;
    const attr = idAttributeUsed(name);
    if (attr) out.push({ expr: `${name}.${attr}`, rank: objRank, depth });
  }
}

export const ID_ATTRIBUTES: readonly string[] = ['id', 'pk', '_id', 'uuid'];

/** The identifier an unfinished key refers to: undefined everywhere, so the code fails loudly until replaced. */
export const PLACEHOLDER = 'TODO_STABLE_ID';

/** Escapes literal text for a VS Code snippet. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/**
 * Snippet form of edits that contain the placeholder: literal text escaped,
 * the first placeholder turned into a `${1:...}` tab stop. Null when no edit
 * contains it.
 */
export function snippetEdits<E extends { start: number; end: number; newText: string }>(edits: readonly E[]): E[] | null {
  let done = false;
  const out = edits.map((e) => {
    const at = done ? -1 : e.newText.indexOf(PLACEHOLDER);
    if (at < 0) return { ...e, newText: escapeSnippet(e.newText) };
    done = true;
    const before = e.newText.slice(0, at);
    const after = e.newText.slice(at + PLACEHOLDER.length);
    return { ...e, newText: `${escapeSnippet(before)}\${1:${PLACEHOLDER}}${escapeSnippet(after)}` };
  });
  return done ? out : null;
}

/**
 * How a key is derived: the parts of the key, or why no key can be written
 * without a human (the fix then needs input: see `Fix.needsInput`), with what
 * was looked at and refused, for the fix title.
 */
export type KeyDerivation = { parts: string[] } | { needsInput: string; refused?: string };

/** Needs-input reasons (the CLI groups findings by them, so there are few and they are short). */
export const NO_STABLE_ID = 'no stable id in scope';
export const VARYING_INPUT = 'the key must change with the payment method of each attempt';
/**
 * A setup-mode Checkout Session collects a card: a customer makes one for each change of card,
 * so the subscription or customer it belongs to is no once-only id (a second change the same
 * day would get the first, completed session back).
 */
export const PER_CARD_CHANGE = 'a setup session is made for each change of card';

/** Title of a needs-input fix: what to put in the placeholder, and what was refused. */
export function placeholderTitle(where: string, d: { needsInput: string; refused?: string }): string {
  const what = d.needsInput === VARYING_INPUT ? 'the attempt (intent id and payment method)' : 'a stable business id';
  return `Add ${where} placeholder (\`${PLACEHOLDER}\`) to replace with ${what}${d.refused ? `: ${d.refused}` : ''}`;
}

export const RISK = 'a retried request or a double submit';

/** What a repeated request does, for the finding message. */
export function consequence(op: StripeOperation): string {
  if (op.label.startsWith('customer')) return 'creates a duplicate customer';
  if (/(capture|confirm|pay|finalize|authorization)$/.test(op.label)) return 'repeats the payment step (double charge risk)';
  return `creates a second ${op.label.replace(/-/g, ' ')}, so money can move twice`;
}

/** Prefilters (see PyDetector.requires): a finding needs the SDK named in the file, or a resource of the table. */
const escapeRe = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const REQUIRES_JS = new RegExp(`stripe|\\b(?:${[...new Set(OPERATIONS.map((o) => o.js.split('.')[0]))].map(escapeRe).join('|')})\\b`, 'i');
export const REQUIRES_PY = new RegExp(`stripe|\\b(?:${[...new Set(OPERATIONS.flatMap((o) => [o.client.split('.')[0], o.py.split('.')[0]]))].map(escapeRe).join('|')})\\b`, 'i');
