import { Router } from "express";
import { logger } from "../lib/logger";
import { prisma } from "../lib/prisma";

export const connectWebhooksRouter = Router();

// Stripe Connect events for venue payout accounts.
connectWebhooksRouter.post("/webhooks/connect", async (req, res) => {
  const event = req.body;

  if (event.type === "account.updated") {
    const account = event.data.object;
    logger.info({ account: account.id, payouts: account.payouts_enabled }, "connect account updated");
  } else if (event.type === "payout.failed") {
    const payout = event.data.object;
    await prisma.order.updateMany({
      where: { status: "paid", event: { slug: payout.metadata?.eventSlug } },
      data: { status: "payout_failed" },
    });
  }

  res.sendStatus(200);
});
