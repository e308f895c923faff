import Stripe from "stripe";
import { Router } from "express";
import { markInvoicePaid } from "./billing.mjs";

const router = Router();

router.post("/billing/events", async function stripeEvents(req, res) {
  let event;
  try {
    event = Stripe.webhooks.constructEvent(req.rawBody, req.get("Stripe-Signature"), process.env.STRIPE_ENDPOINT_SECRET); // expect: webhook-event-dedup
  } catch (e) {
    return res.status(400).end();
  }
  if (event.type === "invoice.payment_succeeded") {
    await markInvoicePaid(event.data.object.id);
  }
  return res.status(200).end();
});

export default router;
