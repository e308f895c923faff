import { Router } from "express";
import { z } from "zod";
import { prisma } from "../lib/prisma";
import { stripe } from "../lib/stripe";
import { requireAdmin, type AuthedRequest } from "../middleware/auth";
import { RefundService } from "../services/refunds";
import { setFlag } from "../services/featureFlags";

export const adminRouter = Router();

const refunds = new RefundService(stripe);

adminRouter.post("/admin/orders/:id/refund", requireAdmin, async (req: AuthedRequest, res, next) => {
  try {
    const order = await prisma.order.findUnique({ where: { id: req.params.id } });
    if (!order || order.status !== "paid") {
      return res.status(404).json({ error: "No paid order with this id" });
    }
    await refunds.refund(order, req.user!.id);
    res.json({ status: "refund_requested" });
  } catch (err) {
    next(err);
  }
});

adminRouter.put("/admin/flags/:name", requireAdmin, (req, res) => {
  const { enabled } = z.object({ enabled: z.boolean() }).parse(req.body);
  res.json(setFlag(req.params.name, enabled));
});
