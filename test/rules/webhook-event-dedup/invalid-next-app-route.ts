import { NextResponse } from "next/server";
import Stripe from "stripe";
import { fulfillOrder } from "@/lib/orders";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export async function POST(req: Request) {
  const body = await req.text();
  const signature = req.headers.get("stripe-signature") ?? "";
  let event: Stripe.Event;
  try {
    event = await stripe.webhooks.constructEventAsync(body, signature, process.env.STRIPE_WEBHOOK_SECRET!); // expect: webhook-event-dedup
  } catch (err) {
    return NextResponse.json({ error: "Invalid signature" }, { status: 400 });
  }
  if (event.type === "checkout.session.completed") {
    const session = event.data.object;
    await fulfillOrder(session.id, session.amount_total ?? 0);
  }
  return NextResponse.json({ received: true });
}
