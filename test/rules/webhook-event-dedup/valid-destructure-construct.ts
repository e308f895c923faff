// shipguard-test: no-findings
import express from "express";
import Stripe from "stripe";
import { claimEvent, credit } from "./ledger";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export const router = express.Router();

router.post("/stripe", express.raw({ type: "application/json" }), async (req, res) => {
  try {
    const { id: eventId, type, data } = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"] as string, process.env.STRIPE_WEBHOOK_SECRET!);
    if (!(await claimEvent(eventId))) return res.json({ duplicate: true });
    if (type === "invoice.paid") await credit(data.object as Stripe.Invoice);
    res.json({ ok: true });
  } catch {
    res.sendStatus(400);
  }
});
