// shipguard-test: no-findings
import { NextResponse, type NextRequest } from "next/server";
import Stripe from "stripe";
import { kv } from "@vercel/kv";
import { activate } from "@/lib/billing";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export async function POST(request: NextRequest) {
  const payload = await request.text();
  const event = await stripe.webhooks.constructEventAsync(payload, request.headers.get("stripe-signature")!, process.env.STRIPE_WEBHOOK_SECRET!);
  const { id, type, data } = event;
  if (!(await kv.set(`stripe:${id}`, 1, { nx: true, ex: 259200 }))) return NextResponse.json({ duplicate: true });
  if (type === "customer.subscription.created") await activate(data.object as Stripe.Subscription);
  return NextResponse.json({ received: true });
}
