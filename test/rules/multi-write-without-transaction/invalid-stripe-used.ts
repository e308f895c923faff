import { Router } from "express";
import Stripe from "stripe";
import { prisma } from "../lib/prisma";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export const payRouter = Router();

payRouter.post("/pay", async (req, res) => { // expect: multi-write-without-transaction
  const order = await prisma.order.create({ data: { userId: req.user.id, amount: req.body.amount } });
  const intent = await stripe.paymentIntents.create({ amount: order.amount, currency: "eur" });
  await prisma.payment.create({ data: { orderId: order.id, intentId: intent.id } });
  res.json({ clientSecret: intent.client_secret });
});
