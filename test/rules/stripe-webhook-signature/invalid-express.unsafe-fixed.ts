import express, { Request, Response, Router } from "express";
import Stripe from "stripe";
import { db } from "./db";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY as string, { apiVersion: "2024-06-20" });
const app = express();
app.use(express.json());

app.post("/webhooks/stripe", async (req: Request, res: Response) => {
  // Stripe signs the raw body: mount this route with express.raw({ type: "application/json" }), not express.json()
  const sig = req.headers["stripe-signature"] as string;
  let event;
  try {
    event = stripe.webhooks.constructEvent(req.body, sig, process.env.STRIPE_WEBHOOK_SECRET as string); // expect: stripe-webhook-signature
  } catch {
    return res.status(400).send("Invalid Stripe signature");
  }
  switch (event.type) {
    case "checkout.session.completed": {
      const session = event.data.object as Stripe.Checkout.Session;
      await db.order.update({ where: { sessionId: session.id }, data: { status: "paid" } });
      break;
    }
    case "invoice.payment_failed":
      await db.subscription.update({ where: { id: event.data.object.id }, data: { pastDue: true } });
      break;
  }
  res.json({ received: true });
});

export const billingRouter = Router();

billingRouter.post("/stripe", async (req, res) => {
  // Stripe signs the raw body: mount this route with express.raw({ type: "application/json" }), not express.json()
  const sig = req.headers["stripe-signature"] as string;
  let event;
  try {
    event = stripe.webhooks.constructEvent(req.body, sig, process.env.STRIPE_WEBHOOK_SECRET as string); // expect: stripe-webhook-signature
  } catch {
    return res.status(400).send("Invalid Stripe signature");
  }
  const { type, data } = event;
  if (type === "customer.subscription.deleted") {
    await db.subscription.delete({ where: { stripeId: data.object.id } });
  }
  res.sendStatus(200);
});

async function handleStripeWebhook(req: Request, res: Response) {
  // Stripe signs the raw body: mount this route with express.raw({ type: "application/json" }), not express.json()
  const sig = req.headers["stripe-signature"] as string;
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(req.body, sig, process.env.STRIPE_WEBHOOK_SECRET as string); // expect: stripe-webhook-signature
  } catch {
    return res.status(400).send("Invalid Stripe signature");
  }
  if (event.type === "payment_intent.succeeded") {
    await db.payment.create({ data: { intentId: event.data.object.id } });
  }
  return res.status(200).end();
}

billingRouter.post("/stripe/raw", express.raw({ type: "application/json" }), handleStripeWebhook);
