// shipguard-test: no-findings
import express from "express";
import Stripe from "stripe";
import { redis } from "./redis";
import { accounts } from "./accounts";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

async function firstDelivery(evt: Stripe.Event): Promise<boolean> {
  return (await redis.set(`evt:${evt.id}`, "1", "EX", 86400, "NX")) === "OK";
}

async function handle(event: Stripe.Event) {
  if (!(await firstDelivery(event))) return;
  if (event.type === "checkout.session.completed") await accounts.credit((event.data.object as Stripe.Checkout.Session).customer as string, 100);
}

export const app = express().post("/hooks/stripe", express.raw({ type: "application/json" }), async (req, res) => {
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"] as string, process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return res.sendStatus(400);
  }
  await handle(event);
  res.json({ received: true });
});
