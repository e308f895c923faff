// shipguard-test: no-findings
import Stripe from 'stripe';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export async function checkoutWithKey(order: { id: string; priceId: string }) {
  return stripe.checkout.sessions.create(
    { mode: 'payment', line_items: [{ price: order.priceId, quantity: 1 }] },
    { idempotencyKey: `checkout-session-${order.id}` },
  );
}

export async function refundWithOptionsVariable(paymentIntentId: string, requestOptions: Stripe.RequestOptions) {
  // options from a variable may carry the key
  return stripe.refunds.create({ payment_intent: paymentIntentId }, requestOptions);
}

export async function confirmWithKey(id: string) {
  return stripe.paymentIntents.confirm(id, { payment_method: 'pm_card_visa' }, { idempotencyKey: `confirm-${id}` });
}

export async function spreadOptions(params: Stripe.PaymentIntentCreateParams, opts: Stripe.RequestOptions) {
  return stripe.paymentIntents.create(params, { ...opts });
}

export async function readOnly(id: string) {
  const intent = await stripe.paymentIntents.retrieve(id);
  const list = await stripe.checkout.sessions.list({ limit: 3 });
  await stripe.paymentIntents.update(id, { metadata: { seen: 'yes' } });
  await stripe.paymentIntents.cancel(id);
  return { intent, list };
}

export async function createOrder(userId: string) {
  // Prisma create(), not Stripe
  return prisma.order.create({ data: { userId, status: 'pending' } });
}

const fakeStripe = {
  paymentIntents: { create: async (p: object) => ({ id: 'pi_fake', ...p }) },
};

export async function localObject() {
  return fakeStripe.paymentIntents.create({ amount: 100 });
}

export async function shadowed(stripe: { refunds: { create(p: object): Promise<unknown> } }) {
  // an untyped-for-Stripe parameter that shadows the module instance
  return stripe.refunds.create({ amount: 100 });
}

export function forwardArgs(...args: Parameters<typeof stripe.charges.create>) {
  return stripe.charges.create(...args);
}
