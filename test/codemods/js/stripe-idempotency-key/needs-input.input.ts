// No stable id defined on every path: standalone, the transform reports these and changes nothing.
import Stripe from 'stripe';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export function createSession({ teamId, subscriptionId, mode }: { teamId: string; subscriptionId?: string; mode: 'setup' | 'subscription' }) {
  const params: Stripe.Checkout.SessionCreateParams = { mode, metadata: { teamId } };
  return stripe.checkout.sessions.create(params);
}

export async function initiatePayment(input: { context: { session_id?: string; email: string } }, amount: number) {
  const { session_id, email } = input.context;
  const customer = await stripe.customers.create({ email });
  return stripe.paymentIntents.create({ amount, currency: 'eur', customer: customer.id, metadata: { session_id: session_id! } });
}

export async function confirm(paymentIntentId: string) {
  return stripe.paymentIntents.confirm(paymentIntentId);
}
