import { headers } from "next/headers";
import Stripe from "stripe";
import { db } from "@/lib/db";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export async function POST(req: Request) {
  const body = await req.text();
  const signature = headers().get("Stripe-Signature") as string;

  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(body, signature, process.env.STRIPE_WEBHOOK_SECRET!); // expect: webhook-event-dedup
  } catch (error) {
    return new Response(`Webhook Error: ${(error as Error).message}`, { status: 400 });
  }

  const subscription = event.data.object as Stripe.Subscription;
  if (event.type === "customer.subscription.updated") {
    await db.user.update({ where: { stripeCustomerId: subscription.customer as string }, data: { plan: subscription.items.data[0].price.lookup_key ?? "pro" } });
  }
  return new Response(null, { status: 200 });
}
