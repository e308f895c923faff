import express, { type Request, type Response } from "express";
import Stripe from "stripe";
import { orders } from "./repositories";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

async function handleEvent(event: Stripe.Event): Promise<void> {
  switch (event.type) {
    case "payment_intent.succeeded":
      await orders.markPaid((event.data.object as Stripe.PaymentIntent).metadata.orderId);
      break;
    case "charge.refunded":
      await orders.markRefunded((event.data.object as Stripe.Charge).payment_intent as string);
      break;
  }
}

export async function stripeWebhook(req: Request, res: Response) {
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"] as string, process.env.STRIPE_WEBHOOK_SECRET!); // expect: webhook-event-dedup
  } catch {
    return res.sendStatus(400);
  }
  await handleEvent(event);
  return res.json({ received: true });
}

export const router = express.Router().post("/webhook", express.raw({ type: "*/*" }), stripeWebhook);
