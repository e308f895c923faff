const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);

async function pay(orderId, params) {
  await stripe.paymentIntents.create(
    params,
    { idempotencyKey: `payment-intent-${orderId}` },
  );
  await stripe.refunds.create(params, {
    stripeAccount: 'acct_1',
    idempotencyKey: `refund-${orderId}`,
  });
  await stripe.payouts.create(params, { idempotencyKey: `payout-${orderId}` });
  await stripe.customers.create({}, { idempotencyKey: `customer-${orderId}` });
}

module.exports = { pay };
