import express from "express";
import Stripe from "stripe";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY as string);
export const app = express();

app.post("/webhook", express.raw({ type: "application/json" }), (req, res) => {
  const event = req.body;
  if (event.type === "checkout.session.completed") {
    console.log(event.data.object.id);
  }
  res.sendStatus(200);
});
