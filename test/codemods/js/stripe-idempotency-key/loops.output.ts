import Stripe from 'stripe';

const stripe = new Stripe('sk_test_x');

export async function settle(order: { id: string; lines: Array<{ id: string; cents: number; account: string }>; tips: number[] }) {
  for (const line of order.lines) {
    await stripe.transfers.create({ amount: line.cents, currency: 'eur', destination: line.account, metadata: { orderId: order.id, lineId: line.id } }, { idempotencyKey: `transfer-${order.id}-${line.id}` });
  }
  await Promise.all(order.tips.map((tip) => stripe.transfers.create({ amount: tip, currency: 'eur', destination: 'acct_tips' })));
  for (let attempt = 0; attempt < 3; attempt++) {
    await stripe.payouts.create({ amount: 100, currency: 'eur' }, { idempotencyKey: `payout-${order.id}` });
  }
}
