import express, { Router } from "express";
import { Prisma } from "@prisma/client";
import type Stripe from "stripe";
import { requireEnv } from "../lib/env";
import { logger } from "../lib/logger";
import { prisma } from "../lib/prisma";
import { stripe } from "../lib/stripe";
import { createShipment } from "../services/shipping";

export const webhooksRouter = Router();

webhooksRouter.post("/stripe", express.json(), async (req, res) => {
  const event = req.body as Stripe.Event;

  switch (event.type) {
    case "checkout.session.completed": {
      const session = event.data.object as Stripe.Checkout.Session;
      const order = await prisma.order.update({
        where: { stripeSessionId: session.id },
        data: { status: "paid", stripePaymentIntentId: String(session.payment_intent) },
      });
      await createShipment(order);
      break;
    }
    case "charge.refunded": {
      const charge = event.data.object as Stripe.Charge;
      await prisma.order.update({
        where: { stripePaymentIntentId: String(charge.payment_intent) },
        data: { status: "refunded" },
      });
      break;
    }
    default:
      logger.info({ type: event.type }, "unhandled stripe event");
  }

  res.json({ received: true });
});

const billingWebhookSecret = requireEnv("STRIPE_WEBHOOK_SECRET");

webhooksRouter.post("/stripe/billing", express.raw({ type: "application/json" }), async (req, res) => {
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"] as string, billingWebhookSecret);
  } catch (err) {
    logger.warn({ err }, "rejected billing webhook");
    return res.status(400).send("Invalid signature");
  }

  try {
    await prisma.$transaction(async (tx) => {
      await tx.processedEvent.create({ data: { id: event.id, type: event.type } });
      if (event.type === "invoice.paid") {
        const invoice = event.data.object as Stripe.Invoice;
        await tx.order.updateMany({
          where: { stripePaymentIntentId: String(invoice.payment_intent) },
          data: { status: "paid" },
        });
      }
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      return res.json({ received: true, duplicate: true });
    }
    throw err;
  }

  res.json({ received: true });
});
