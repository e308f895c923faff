import express from "express";
import Stripe from "stripe";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY as string);
export const app = express();

app.post("/webhook", express.raw({ type: "application/json" }), (req, res) => {
  const sig = req.headers["stripe-signature"] as string;
  let event;
  try {
    event = stripe.webhooks.constructEvent(req.body, sig, process.env.STRIPE_WEBHOOK_SECRET as string);
  } catch {
    return res.status(400).send("Invalid Stripe signature");
  }
  if (event.type === "checkout.session.completed") {
    console.log(event.data.object.id);
  }
  res.sendStatus(200);
});
