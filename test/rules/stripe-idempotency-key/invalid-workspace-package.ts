// A monorepo: the Stripe instance is exported by the workspace package @acme/billing
// (packages/billing/src/stripe.ts: `export const stripe = new Stripe(...)`).
import { stripe } from '@acme/billing/server/stripe';
import { loadStripe } from '@stripe/stripe-js';

export async function openCheckout(cartId: string, priceId: string, customerId: string) {
  const session = await stripe.checkout.sessions.create({ // expect: stripe-idempotency-key
    mode: 'subscription',
    customer: customerId,
    line_items: [{ price: priceId, quantity: 1 }],
    client_reference_id: cartId,
  });
  return session.url;
}

export async function browserStripe(key: string) {
  const client = await loadStripe(key);
  return client;
}
