const express = require("express");
const stripe = require("stripe")(process.env.STRIPE_SECRET_KEY);
const { sendWelcomeEmail, provision } = require("./services");

const router = express.Router();

router.post("/stripe", express.raw({ type: "application/json" }), async (req, res) => {
  let event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], process.env.STRIPE_WEBHOOK_SECRET); // expect: webhook-event-dedup
  } catch (err) {
    return res.status(400).send(`Webhook Error: ${err.message}`);
  }
  if (event.type === "customer.subscription.created") {
    const sub = event.data.object;
    await provision(sub.customer, sub.items.data[0].price.id);
    await sendWelcomeEmail(sub.customer);
  }
  res.sendStatus(200);
});

module.exports = router;
