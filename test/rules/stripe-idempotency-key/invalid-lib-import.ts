// The app's shared Stripe instance lives in src/lib/stripe.ts (`export const stripe = new Stripe(...)`).
import { Router } from 'express';
import { prisma } from '../lib/prisma';
import { stripe } from '../lib/stripe';
import payments from '@/lib/stripe';
import { toCents } from '../lib/stripe';

export const checkoutRouter = Router();

checkoutRouter.post('/events/:eventId/checkout', async (req, res) => {
  const order = await prisma.order.create({ data: { eventId: req.params.eventId, userId: req.body.userId } });
  const session = await stripe.checkout.sessions.create({ // expect: stripe-idempotency-key
    mode: 'payment',
    line_items: [{ price_data: { currency: 'usd', unit_amount: toCents(req.body.amount), product_data: { name: 'Ticket' } }, quantity: 1 }],
    metadata: { orderId: order.id },
  });
  res.json({ url: session.url });
});

export async function refund(paymentIntentId: string, ticketId: string) {
  return payments.refunds.create({ payment_intent: paymentIntentId }); // expect: stripe-idempotency-key
}

export async function readOnly(id: string) {
  await prisma.order.update({ where: { id }, data: { status: 'paid' } });
  return stripe.checkout.sessions.retrieve(id);
}
