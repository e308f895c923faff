import StripeSDK from "stripe";
import { Hono } from "hono";
import { credits } from "./credits";

const payments = new StripeSDK(process.env.STRIPE_KEY!, { httpClient: StripeSDK.createFetchHttpClient() });
const app = new Hono();

app.post("/stripe/webhook", async (c) => {
  const raw = await c.req.text();
  const evt = await payments.webhooks.constructEventAsync(raw, c.req.header("stripe-signature")!, process.env.STRIPE_WEBHOOK_SECRET!); // expect: webhook-event-dedup
  if (evt.type === "checkout.session.completed") {
    // the session's id, not the event's: a retried delivery adds the credits twice
    const session = evt.data.object;
    await credits.add(session.client_reference_id!, 500, session.id);
  }
  return c.json({ received: true });
});

export default app;
