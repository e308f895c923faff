// shipguard-test: no-findings
const express = require("express");
const Stripe = require("stripe");
const { webhookQueue } = require("./queue");

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);
const app = express();

app.post("/webhook", express.raw({ type: "application/json" }), async (req, res) => {
  let event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], process.env.STRIPE_WEBHOOK_SECRET);
  } catch (err) {
    return res.status(400).send(err.message);
  }
  // BullMQ drops a second job with the same id
  await webhookQueue.add(event.type, event.data.object, { jobId: String(event["id"]) });
  res.json({ received: true });
});

module.exports = app;
