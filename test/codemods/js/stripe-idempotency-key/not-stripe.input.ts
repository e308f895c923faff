import { PrismaClient } from '@prisma/client';
import Stripe from 'stripe';

const prisma = new PrismaClient();
const stripe = new Stripe('sk_test_x');
const fake = { paymentIntents: { create: async (p: object) => p } };

export async function run(order: { id: string }, client: { refunds: { create(p: object): Promise<unknown> } }) {
  await prisma.order.create({ data: { id: order.id } });
  await fake.paymentIntents.create({ amount: 1 });
  await client.refunds.create({ amount: 1 });
  await stripe.paymentIntents.retrieve('pi_1');
  await stripe.paymentIntents.update('pi_1', { metadata: { orderId: order.id } });
}

export async function shadow(stripe: { charges: { create(p: object): Promise<unknown> } }) {
  return stripe.charges.create({ amount: 1 });
}
