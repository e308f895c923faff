import * as S from 'stripe';
import { Stripe as StripeSdk } from 'stripe';
import StripeCjs = require('stripe');

const a = new S.Stripe(process.env.KEY_A!);
const b = new StripeSdk(process.env.KEY_B!);
const c = new StripeCjs(process.env.KEY_C!);

export async function run(order: { id: string; total: number }) {
  console.log('paying', order.id);
  await a.paymentIntents.create({ amount: order.total, currency: 'eur' });
  await b.checkout.sessions.create({ mode: 'payment', metadata: { order_id: order.id } });
  await c.refunds.create({ payment_intent: 'pi_123' });
}
