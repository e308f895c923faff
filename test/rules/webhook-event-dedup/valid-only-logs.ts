// shipguard-test: no-findings
import express from "express";
import Stripe from "stripe";
import pino from "pino";

const logger = pino();
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
const app = express();

app.post("/stripe/audit", express.raw({ type: "application/json" }), (req, res) => {
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"] as string, process.env.STRIPE_AUDIT_SECRET!);
  } catch {
    return res.status(400).end();
  }
  console.log(`Received ${event.type}`);
  logger.info({ type: event.type, livemode: event.livemode }, "stripe event");
  res.status(200).json({ received: true, type: event.type });
});
