// shipguard-test: no-findings
import { Router } from "express";
import { prisma } from "../lib/prisma";

export const ordersRouter = Router();

ordersRouter.post("/orders", async (req, res) => {
  const order = await prisma.$transaction(async (tx) => {
    const created = await tx.order.create({ data: { userId: req.user.id } });
    await tx.orderLine.create({ data: { orderId: created.id, productId: req.body.productId } });
    return created;
  });
  res.status(201).json(order);
});
