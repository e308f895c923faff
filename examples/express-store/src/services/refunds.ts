import type { Order } from "@prisma/client";
import type Stripe from "stripe";
import { logger } from "../lib/logger";

export class RefundService {
  constructor(private readonly stripe: Stripe) {}

  async refund(order: Order, requestedBy: string) {
    if (!order.stripePaymentIntentId) {
      throw new Error(`Order ${order.id} has no payment to refund`);
    }
    const refund = await this.stripe.refunds.create({
      payment_intent: order.stripePaymentIntentId,
      reason: "requested_by_customer",
      metadata: { orderId: order.id, requestedBy },
    });
    logger.info({ orderId: order.id, refund: refund.id }, "refund created");
    return refund;
  }

  async cancelHold(order: Order) {
    if (!order.stripePaymentIntentId) return null;
    return this.stripe.paymentIntents.cancel(order.stripePaymentIntentId, undefined, {
      idempotencyKey: `cancel-hold-${order.id}`,
    });
  }
}
