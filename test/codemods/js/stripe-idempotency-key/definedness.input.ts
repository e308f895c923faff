import Stripe from 'stripe';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export async function payOrder(input: { orderId?: string }, amount: number) {
  const { orderId } = input;
  if (!orderId) throw new Error('orderId required');
  return stripe.paymentIntents.create({ amount, currency: 'eur' });
}

export async function payDraft(draft: { orderId?: string }, amount: number) {
  return stripe.paymentIntents.create({ amount, currency: 'eur', metadata: { orderId: draft?.orderId } });
}

export async function captureBooking(booking: { id: string; paymentIntentId: string } | undefined) {
  return stripe.paymentIntents.capture(booking!.paymentIntentId);
}

export async function retryWithCard(intentId: string, card: { id: string }) {
  return stripe.paymentIntents.confirm(intentId, { payment_method: card.id });
}
