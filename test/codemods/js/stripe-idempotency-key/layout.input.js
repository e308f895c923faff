const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);

async function pay(orderId, params) {
  await stripe.paymentIntents.create(
    params,
  );
  await stripe.refunds.create(params, {
    stripeAccount: 'acct_1',
  });
  await stripe.payouts.create(params, undefined);
  await stripe.customers.create({}, {});
}

module.exports = { pay };
