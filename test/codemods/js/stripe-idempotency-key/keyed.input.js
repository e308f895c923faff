const Stripe = require('stripe');
const stripe = Stripe(process.env.STRIPE_SECRET_KEY);

async function pay(order, opts) {
  await stripe.paymentIntents.create({ amount: order.total }, { idempotencyKey: `pi-${order.id}` });
  await stripe.refunds.create({ payment_intent: order.pi }, opts);
  await stripe.charges.create({ amount: order.total }, { ...opts });
  await stripe.paymentIntents.confirm(order.pi, { idempotencyKey: `confirm-${order.id}` });
}

module.exports = { pay };
