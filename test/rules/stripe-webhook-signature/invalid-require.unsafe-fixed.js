const express = require("express");
const stripeClient = require("stripe")(process.env.STRIPE_SECRET_KEY);

const router = express.Router();

router.post("/webhook", express.json(), (req, res) => {
  // Stripe signs the raw body: mount this route with express.raw({ type: "application/json" }), not express.json()
  const sig = req.headers["stripe-signature"];
  let event;
  try {
    event = stripeClient.webhooks.constructEvent(req.body, sig, process.env.STRIPE_WEBHOOK_SECRET); // expect: stripe-webhook-signature
  } catch {
    return res.status(400).send("Invalid Stripe signature");
  }
  if (event.type === "invoice.paid") {
    markInvoicePaid(event.data.object.id);
  } else if (event.type === "charge.refunded") {
    markRefunded(event.data.object.id);
  }
  res.json({ received: true });
});

router.post("/webhook/v2", (req, res) => {
  processStripeEvent(req.body); // expect: stripe-webhook-signature
  res.sendStatus(200);
});

function processStripeEvent(event) {
  switch (event.type) {
    case "checkout.session.completed":
      fulfil(event.data.object);
      break;
    default:
      break;
  }
}

function markInvoicePaid(id) {}
function markRefunded(id) {}
function fulfil(session) {}

module.exports = { router, stripeClient };
