import express from "express";
import Stripe from "stripe";
import { logger } from "./logger";
import { Team } from "./models";

const stripeInstance = new Stripe(process.env.STRIPE_SECRET_KEY!);

export function stripeWebhook({ server }: { server: express.Application }) {
  server.post("/api/v1/public/stripe-invoice-payment-failed", express.raw({ type: "application/json" }), async (req, res, next) => {
    try {
      const event = stripeInstance.webhooks.constructEvent( // expect: webhook-event-dedup
        req.body,
        req.headers["stripe-signature"] as string,
        process.env.STRIPE_ENDPOINTSECRET!,
      );
      // the id is only logged: a retried delivery still runs the work twice
      logger.debug(`${event.id}, ${event.type}`);
      if (event.type === "invoice.payment_failed") {
        const { subscription } = event.data.object as Stripe.Invoice;
        await Team.cancelSubscriptionAfterFailedPayment({ subscriptionId: subscription as string });
      }
      res.sendStatus(200);
    } catch (err) {
      console.error(`Webhook error: ${(err as Error).message}`);
      next(err);
    }
  });
}
