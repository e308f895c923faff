// CommonJS Express app with the Stripe client from require().
const express = require('express');
const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);
const Stripe = require('stripe');
const db = require('./db');

const platform = Stripe(process.env.STRIPE_PLATFORM_KEY);
const app = express();
app.use(express.json());

app.post('/api/orders/:orderId/pay', async (req, res, next) => {
  try {
    const order = await db.orders.findById(req.params.orderId);
    const intent = await stripe.paymentIntents.create({ // expect: stripe-idempotency-key
      amount: order.totalCents,
      currency: 'usd',
      customer: order.customerId
    }, { idempotencyKey: `payment-intent-${req.params.orderId}` });
    res.json({ clientSecret: intent.client_secret });
  } catch (err) {
    next(err);
  }
});

app.post('/api/carts/:id/checkout', async (req, res) => {
  const cart = await db.carts.findById(req.params.id);
  const session = await stripe.checkout.sessions.create({ // expect: stripe-idempotency-key
    mode: 'payment',
    line_items: cart.lines,
    client_reference_id: String(cart._id),
  }, { idempotencyKey: `checkout-session-${cart._id}` });
  res.redirect(303, session.url);
});

async function payoutSeller(seller, amountCents) {
  return platform.payouts.create( // expect: stripe-idempotency-key
    { amount: amountCents, currency: 'usd' },
    { stripeAccount: seller.stripeAccountId }
  );
}

async function refundOrders(orders) {
  for (const order of orders) {
    await stripe.refunds.create({ payment_intent: order.paymentIntentId }, { idempotencyKey: `refund-${order.id}` }); // expect: stripe-idempotency-key
  }
}

async function chargeInvoice(invoiceId) {
  await stripe.invoices.pay(invoiceId); // expect: stripe-idempotency-key
  return stripe.invoiceItems.create({ invoice: invoiceId, amount: 100, currency: 'usd' }, { idempotencyKey: `invoice-item-${invoiceId}` }); // expect: stripe-idempotency-key
}

module.exports = { app, payoutSeller, refundOrders, chargeInvoice };
