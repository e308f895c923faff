const express = require("express");
const Stripe = require("stripe");
const router = express.Router();

router.post("/stripe", (req, res) => {
  // Stripe signs the raw body: mount this route with express.raw({ type: "application/json" }), not express.json()
  const sig = req.headers["stripe-signature"] as string;
  let event;
  try {
    event = Stripe.webhooks.constructEvent(req.body, sig, process.env.STRIPE_WEBHOOK_SECRET as string);
  } catch {
    return res.status(400).send("Invalid Stripe signature");
  }
  const { type, data } = event;
  if (type === "customer.subscription.updated") {
    console.log(data.object.status);
  }
  res.end();
});

module.exports = router;
