import Stripe from "stripe";

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY as string);

export async function POST(req: Request) {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get("stripe-signature") ?? "", process.env.STRIPE_WEBHOOK_SECRET as string);
  if (event.type === "invoice.paid") {
    return new Response(null, { status: 200 });
  }
  return new Response(null, { status: 204 });
}
