import express, { Request, Response, Router } from "express";
import Stripe from "stripe";
import { db } from "./db";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY as string, { apiVersion: "2024-06-20" });
const app = express();
app.use(express.json());

app.post("/webhooks/stripe", async (req: Request, res: Response) => {
  const event = req.body as Stripe.Event; // expect: stripe-webhook-signature
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
  const { type, data } = req.body; // expect: stripe-webhook-signature
  if (type === "customer.subscription.deleted") {
    await db.subscription.delete({ where: { stripeId: data.object.id } });
  }
  res.sendStatus(200);
});

async function handleStripeWebhook(req: Request, res: Response) {
  const event: Stripe.Event = JSON.parse(req.body.toString()); // expect: stripe-webhook-signature
  if (event.type === "payment_intent.succeeded") {
    await db.payment.create({ data: { intentId: event.data.object.id } });
  }
  return res.status(200).end();
}

billingRouter.post("/stripe/raw", express.raw({ type: "application/json" }), handleStripeWebhook);
