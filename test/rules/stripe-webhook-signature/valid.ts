// shipguard-test: no-findings
import crypto from "node:crypto";
import express, { NextFunction, Request, Response } from "express";
import Stripe from "stripe";
import { verifyStripeSignature } from "./middleware/stripe";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY as string);
const app = express();

app.post("/webhooks/stripe", express.raw({ type: "application/json" }), async (req: Request, res: Response) => {
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"] as string, process.env.STRIPE_WEBHOOK_SECRET as string);
  } catch {
    return res.status(400).send("bad signature");
  }
  switch (event.type) {
    case "checkout.session.completed":
      await handleEvent(event);
      break;
  }
  res.json({ received: true });
});

export async function POST(req: Request) {
  const body = await req.text();
  const signature = req.headers.get("stripe-signature") ?? "";
  const event = await stripe.webhooks.constructEventAsync(body, signature, process.env.STRIPE_WEBHOOK_SECRET!);
  if (event.type === "invoice.paid") {
    await handleEvent(event);
  }
  return new Response(null, { status: 200 });
}

// a dispatcher: receives an event that was verified by the route
export async function handleEvent(event: Stripe.Event) {
  switch (event.type) {
    case "checkout.session.completed":
      break;
    case "customer.subscription.deleted":
      break;
  }
}

// a middleware in this file that verifies, mounted before the handler
function checkStripe(req: Request, res: Response, next: NextFunction) {
  try {
    stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"] as string, process.env.STRIPE_WEBHOOK_SECRET as string);
    next();
  } catch {
    res.sendStatus(400);
  }
}

app.post("/webhooks/stripe/v2", express.raw({ type: "application/json" }), checkStripe, (req: Request, res: Response) => {
  const event = JSON.parse(req.body.toString());
  if (event.type === "payment_intent.succeeded") {
    res.sendStatus(200);
  }
});

// an imported verifier middleware before a named handler
async function onStripeEvent(req: Request, res: Response) {
  const event = req.body;
  if (event.type === "charge.refunded") {
    res.sendStatus(200);
  }
}
app.post("/webhooks/stripe/v3", verifyStripeSignature, onStripeEvent);

// manual HMAC check of the Stripe signature
app.post("/webhooks/stripe/manual", express.raw({ type: "application/json" }), (req: Request, res: Response) => {
  const header = String(req.headers["stripe-signature"] ?? "");
  const [t, v1] = header.split(",").map((p) => p.split("=")[1]);
  const expected = crypto.createHmac("sha256", process.env.STRIPE_WEBHOOK_SECRET as string).update(`${t}.${req.body}`).digest("hex");
  if (!crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(v1 ?? ""))) return res.sendStatus(400);
  const event = JSON.parse(req.body.toString());
  if (event.type === "invoice.paid") res.sendStatus(200);
});

// GitHub webhooks: no Stripe event types
app.post("/webhooks/github", express.json(), (req: Request, res: Response) => {
  const payload = req.body;
  if (payload.type === "push" || payload.action === "opened") {
    res.sendStatus(204);
  }
});

// not a request handler: the event comes from the Stripe API
export async function syncEvent(id: string) {
  const event = await stripe.events.retrieve(id);
  if (event.type === "invoice.paid") {
    return event.data.object;
  }
}

// an analytics endpoint whose own "type" values are not Stripe's
app.post("/track", express.json(), (req: Request, res: Response) => {
  const { type } = req.body;
  if (type === "page.view" || type === "button.click") res.sendStatus(204);
});
