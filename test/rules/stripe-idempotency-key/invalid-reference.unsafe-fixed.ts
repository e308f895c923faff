import Stripe from 'stripe';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY as string);

export async function teamCheckout(team: { id: string }, user: { email: string }, price: string) {
  // the payer: one team buys many times, nothing here names this purchase
  return stripe.checkout.sessions.create({ mode: 'subscription', client_reference_id: user.email, line_items: [{ price, quantity: 1 }] }); // expect: stripe-idempotency-key
}

export async function cartCheckout(cart: { _id: string; items: Stripe.Checkout.SessionCreateParams.LineItem[] }) {
  return stripe.checkout.sessions.create({ mode: 'payment', client_reference_id: String(cart._id), line_items: cart.items }, { idempotencyKey: `checkout-session-${cart._id}` }); // expect: stripe-idempotency-key
}
