import Stripe from 'stripe';

const stripe = new Stripe('sk_test_x');

export async function book(booking: { id: string }) {
  return stripe.checkout.sessions.create({
    mode: 'payment',
    client_reference_id: booking.id,
  }, { idempotencyKey: `checkout-session-${booking.id}` });
}
