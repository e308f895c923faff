import { Router } from "express";
import { z } from "zod";
import { prisma } from "../lib/prisma";
import { requireUser, type AuthedRequest } from "../middleware/auth";

export const promoRouter = Router();

promoRouter.post("/orders/:id/promo", requireUser, async (req: AuthedRequest, res) => {
  const { code } = z.object({ code: z.string().trim().toUpperCase() }).parse(req.body);
  const order = await prisma.order.findFirst({ where: { id: req.params.id, userId: req.user!.id, status: "pending" } });
  if (!order) {
    return res.status(404).json({ error: "Order not found" });
  }

  const promo = await prisma.promoCode.findUnique({ where: { code } });
  if (!promo || promo.usedCount >= promo.maxUses) {
    return res.status(400).json({ error: "This promo code is not valid" });
  }
  await prisma.promoCode.update({
    where: { id: promo.id },
    data: { usedCount: promo.usedCount + 1 },
  });

  const discounted = await prisma.order.update({
    where: { id: order.id },
    data: { amountCents: Math.round((order.amountCents * (100 - promo.percentOff)) / 100) },
  });
  res.json({ amountCents: discounted.amountCents });
});
