import express from "express";
import Stripe from "stripe";
import { grantSeats } from "./seats";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? "");
export const webhooks = express.Router();

webhooks.post("/stripe", express.raw({ type: "application/json" }), async (req, res) => {
  try {
    const { type, data } = stripe.webhooks.constructEvent(req.body, req.header("stripe-signature") ?? "", process.env.STRIPE_WEBHOOK_SECRET ?? ""); // expect: webhook-event-dedup
    if (type === "checkout.session.completed") {
      await grantSeats(data.object as Stripe.Checkout.Session);
    }
    res.json({ ok: true });
  } catch (err) {
    res.status(400).json({ error: "invalid webhook" });
  }
});
