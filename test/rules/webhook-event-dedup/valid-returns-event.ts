// shipguard-test: no-findings
import type { Request } from "express";
import Stripe from "stripe";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

/** The verified event of a request; the routes that call it deduplicate by its id. */
export function verifiedEvent(req: Request): Stripe.Event {
  const event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"] as string, process.env.STRIPE_WEBHOOK_SECRET!);
  if (event.livemode !== (process.env.NODE_ENV === "production")) throw new Error(`unexpected ${event.type}`);
  return event;
}
