// shipguard-test: no-findings
import express from "express";
import Stripe from "stripe";
import { prisma } from "./prisma";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
const app = express();

app.post("/webhooks/stripe", express.raw({ type: "application/json" }), async (req, res) => {
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"] as string, process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return res.sendStatus(400);
  }
  const seen = await prisma.$queryRaw`SELECT 1 FROM stripe_events WHERE id = ${event.id}`;
  if (Array.isArray(seen) && seen.length) return res.json({ duplicate: true });
  if (event.type === "checkout.session.completed") {
    await prisma.order.update({ where: { sessionId: (event.data.object as Stripe.Checkout.Session).id }, data: { paid: true } });
  }
  await prisma.$executeRaw`INSERT INTO stripe_events (id) VALUES (${event.id})`;
  res.json({ received: true });
});
