import { Router } from "express";
import { z } from "zod";
import { logger } from "../lib/logger";
import { prisma } from "../lib/prisma";
import { checkoutLimiter } from "../lib/rateLimit";
import { stripe } from "../lib/stripe";
import { requireUser, type AuthedRequest } from "../middleware/auth";

export const checkoutRouter = Router();

const checkoutBody = z.object({
  eventId: z.string().min(1),
  quantity: z.number().int().min(1).max(10),
});

checkoutRouter.post("/checkout/session", requireUser, async (req: AuthedRequest, res) => {
  const { eventId, quantity } = checkoutBody.parse(req.body);
  const event = await prisma.event.findUnique({ where: { id: eventId } });
  if (!event) {
    return res.status(404).json({ error: "Event not found" });
  }

  const order = await prisma.order.create({
    data: {
      userId: req.user!.id,
      eventId: event.id,
      quantity,
      amountCents: event.priceCents * quantity,
    },
  });

  try {
    const session = await stripe.checkout.sessions.create({
      mode: "payment",
      customer_email: req.user!.email,
      line_items: [
        {
          quantity,
          price_data: {
            currency: event.currency,
            unit_amount: event.priceCents,
            product_data: { name: event.name },
          },
        },
      ],
      metadata: { orderId: order.id },
      success_url: `${process.env.FRONTEND_URL}/orders/${order.id}?paid=1`,
      cancel_url: `${process.env.FRONTEND_URL}/events/${event.slug}`,
    });
    await prisma.order.update({ where: { id: order.id }, data: { stripeSessionId: session.id } });
    res.status(201).json({ url: session.url });
  } catch (err: any) {
    logger.error({ err, orderId: order.id }, "checkout session failed");
    res.status(500).json({ error: err.message });
  }
});

checkoutRouter.post("/checkout/payment-intent", checkoutLimiter, requireUser, async (req: AuthedRequest, res) => {
  const { orderId } = z.object({ orderId: z.string() }).parse(req.body);
  const order = await prisma.order.findFirst({
    where: { id: orderId, userId: req.user!.id, status: "pending" },
    include: { event: true },
  });
  if (!order) {
    return res.status(404).json({ error: "Order not found" });
  }

  const intent = await stripe.paymentIntents.create(
    {
      amount: order.amountCents,
      currency: order.event.currency,
      metadata: { orderId: order.id },
      automatic_payment_methods: { enabled: true },
    },
    { idempotencyKey: `payment-intent-${order.id}` },
  );
  res.json({ clientSecret: intent.client_secret });
});

checkoutRouter.post("/orders/:id/pay-saved-card", checkoutLimiter, requireUser, async (req: AuthedRequest, res) => {
  const order = await prisma.order.findFirst({
    where: { id: req.params.id, userId: req.user!.id, status: "pending" },
    include: { event: true },
  });
  if (!order) {
    return res.status(404).json({ error: "Order not found" });
  }
  const { customerId, paymentMethodId } = z
    .object({ customerId: z.string(), paymentMethodId: z.string() })
    .parse(req.body);

  try {
    const intent = await stripe.paymentIntents.create({
      amount: order.amountCents,
      currency: order.event.currency,
      customer: customerId,
      payment_method: paymentMethodId,
      off_session: true,
      confirm: true,
      metadata: { orderId: order.id },
    });
    await prisma.order.update({
      where: { id: order.id },
      data: { status: "paid", stripePaymentIntentId: intent.id },
    });
    res.json({ status: intent.status });
  } catch (err) {
    logger.error({ err, orderId: order.id }, "saved-card payment failed");
    res.status(402).json({ error: "Your card was declined." });
  }
});
