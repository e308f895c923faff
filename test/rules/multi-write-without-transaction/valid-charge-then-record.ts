// shipguard-test: no-findings
import { Router } from "express";
import Stripe from "stripe";
import { prisma } from "../lib/prisma";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export const payRouter = Router();

payRouter.post("/orders/:id/pay", async (req, res) => {
  const order = await prisma.order.findFirstOrThrow({ where: { id: req.params.id, userId: req.user.id } });
  const intent = await stripe.paymentIntents.create({ amount: order.amount, currency: "eur", confirm: true });
  await prisma.order.update({ where: { id: order.id }, data: { status: "paid", intentId: intent.id } });
  res.json({ status: intent.status });
});
