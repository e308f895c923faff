// Express routes and a NestJS-style service talking to Stripe.
import express, { Request, Response } from 'express';
import Stripe from 'stripe';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, { apiVersion: '2024-06-20' });
const router = express.Router();

router.post('/orders/:orderId/checkout', async (req: Request, res: Response) => {
  const order = await prisma.order.findUniqueOrThrow({ where: { id: req.params.orderId } });
  const session = await stripe.checkout.sessions.create({ // expect: stripe-idempotency-key
    mode: 'payment',
    line_items: order.items.map((i) => ({ price: i.priceId, quantity: i.quantity })),
    metadata: { orderId: order.id },
    success_url: `${process.env.APP_URL}/orders/${order.id}/paid`,
    cancel_url: `${process.env.APP_URL}/cart`,
  }, { idempotencyKey: `checkout-session-${order.id}` });
  res.json({ url: session.url });
});

router.post('/bookings/:bookingId/pay', async (req: Request, res: Response) => {
  const intent = await stripe.paymentIntents.create({ amount: req.body.amount, currency: 'eur' }, { idempotencyKey: `payment-intent-${req.params.bookingId}` }); // expect: stripe-idempotency-key
  res.json({ clientSecret: intent.client_secret });
});

router.post('/refunds', async (req: Request, res: Response) => {
  const refund = await stripe.refunds.create( // expect: stripe-idempotency-key
    { payment_intent: req.body.paymentIntentId },
    { stripeAccount: req.body.accountId },
  );
  res.json(refund);
});

export class BillingService {
  constructor(private readonly stripe: Stripe) {}

  async capture(paymentIntentId: string) {
    return this.stripe.paymentIntents.capture(paymentIntentId, {}, { idempotencyKey: `payment-intent-capture-${paymentIntentId}` }); // expect: stripe-idempotency-key
  }

  async subscribe(customerId: string, priceId: string, subscription: { id: string }) {
    console.log('subscribing', subscription.id);
    return this.stripe.subscriptions.create({ customer: customerId, items: [{ price: priceId }] }, { idempotencyKey: `subscription-${subscription.id}` }); // expect: stripe-idempotency-key
  }

  async payoutSellers(payouts: Array<{ id: string; amount: number; account: string }>) {
    await Promise.all(
      payouts.map((payout) =>
        this.stripe.transfers.create({ amount: payout.amount, currency: 'eur', destination: payout.account }, { idempotencyKey: `transfer-${payout.id}` }), // expect: stripe-idempotency-key
      ),
    );
  }
}

export async function createCustomer(user: { id: string; email: string }) {
  return stripe.customers.create({ email: user.email, metadata: { userId: user.id } }, { idempotencyKey: `customer-${user.id}` }); // expect: stripe-idempotency-key
}

export async function createInvoice(customerId: string) {
  const invoice = await stripe.invoices.create({ customer: customerId, auto_advance: false }, undefined); // expect: stripe-idempotency-key
  return stripe.invoices.finalizeInvoice(invoice.id, {}, { idempotencyKey: `invoice-finalize-${invoice.id}` }); // expect: stripe-idempotency-key
}

// a setup-mode session collects a card: made for each change of card, keyed on nothing once-only
export async function updateCard(subscription: { id: string; customerId: string }) {
  return stripe.checkout.sessions.create({ // expect: stripe-idempotency-key
    mode: 'setup',
    customer: subscription.customerId,
    setup_intent_data: { metadata: { subscription_id: subscription.id } },
    success_url: 'https://shop.example.com/account',
  });
}

export default router;
