// Key parts must hold a value on every path to the call (Express and service code).
import Stripe from 'stripe';
import express from 'express';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
const router = express.Router();

export async function optionalParam(amount: number, orderId?: string) {
  return stripe.paymentIntents.create({ amount, currency: 'eur', metadata: { orderId: orderId ?? '' } }); // expect: stripe-idempotency-key
}

export async function unionUndefined(amount: number, orderId: string | undefined) {
  return stripe.paymentIntents.create({ amount, currency: 'eur', metadata: { orderId } }); // expect: stripe-idempotency-key
}

export async function sharedDefault(amount: number, orderId = 'manual') {
  return stripe.paymentIntents.create({ amount, currency: 'eur', metadata: { orderId } }); // expect: stripe-idempotency-key
}

export async function optionalChain(order: { id: string; total: number } | null) {
  return stripe.paymentIntents.create({ amount: 100, currency: 'eur', metadata: { orderId: order?.id } }); // expect: stripe-idempotency-key
}

export async function branchOnly(user: { plan: string; orderId: string }, amount: number) {
  let orderId: string;
  if (user.plan === 'pro') {
    orderId = user.orderId;
  }
  return stripe.paymentIntents.create({ amount, currency: 'eur', metadata: { orderId: orderId! } }); // expect: stripe-idempotency-key
}

export async function bothBranches(user: { plan: string; orderId: string; draftId: string }, amount: number) {
  let orderId: string;
  if (user.plan === 'pro') {
    orderId = user.orderId;
  } else {
    orderId = user.draftId;
  }
  return stripe.paymentIntents.create({ amount, currency: 'eur', metadata: { orderId } }); // expect: stripe-idempotency-key
}

// Like saas-api: the value is checked for presence in one branch only, so it can be missing
export async function checkedInOneBranch({ mode, subscriptionId }: { mode: string; subscriptionId: string }) {
  const params: Stripe.Checkout.SessionCreateParams = { mode: 'subscription' };
  if (mode === 'setup') {
    if (!subscriptionId) {
      throw new Error('subscriptionId required');
    }
    params.setup_intent_data = { metadata: { subscription_id: subscriptionId } };
  }
  return stripe.checkout.sessions.create(params); // expect: stripe-idempotency-key
}

export async function guarded({ bookingId }: { bookingId?: string }, amount: number) {
  if (!bookingId) {
    throw new Error('bookingId required');
  }
  return stripe.paymentIntents.create({ amount, currency: 'eur' }); // expect: stripe-idempotency-key
}

export async function destructured(input: { context: { session_id: string; order_id: string } }, amount: number) {
  const { order_id } = input.context;
  return stripe.paymentIntents.create({ amount, currency: 'eur' }); // expect: stripe-idempotency-key
}

export async function destructuredRenamed(booking: { id: string; total: number }) {
  const { id: bookingId, total } = booking;
  return stripe.paymentIntents.create({ amount: total, currency: 'eur' }); // expect: stripe-idempotency-key
}

// Like medusa: `order_id!` says its type allows undefined
export async function assertedNonNull(input: { context: { order_id?: string; email: string } }, amount: number) {
  const { order_id, email } = input.context;
  return stripe.paymentIntents.create({ amount, currency: 'eur', receipt_email: email, metadata: { order_id: order_id! } }); // expect: stripe-idempotency-key
}

export async function fromFind(orders: Array<{ id: string; open: boolean }>, amount: number) {
  const order = orders.find((o) => o.open);
  return stripe.paymentIntents.create({ amount, currency: 'eur', metadata: { orderId: order?.id ?? 'none' } }); // expect: stripe-idempotency-key
}

router.post('/checkout', async (req, res) => {
  // a body field may be absent from the request
  const session = await stripe.checkout.sessions.create({ mode: 'payment', client_reference_id: req.body.orderId }); // expect: stripe-idempotency-key
  res.json({ url: session.url });
});

export async function confirmWithNewCard(paymentIntentId: string, paymentMethodId: string) {
  // a declined confirm is retried with another card: the key holds the card too
  return stripe.paymentIntents.confirm(paymentIntentId, { payment_method: paymentMethodId }); // expect: stripe-idempotency-key
}

export async function confirmAttachedCard(paymentIntentId: string) {
  return stripe.paymentIntents.confirm(paymentIntentId); // expect: stripe-idempotency-key
}

export async function chargeSavedCard(order: { id: string; total: number }, paymentMethodId: string) {
  // a create that confirms is an attempt too: a retry with another card gets its own key
  return stripe.paymentIntents.create({ amount: order.total, currency: 'eur', metadata: { orderId: order.id }, payment_method: paymentMethodId, confirm: true }); // expect: stripe-idempotency-key
}
