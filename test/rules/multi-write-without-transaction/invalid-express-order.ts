import { Router } from "express";
import { prisma } from "../lib/prisma";

export const ordersRouter = Router();

ordersRouter.post("/orders", async (req, res) => { // expect: multi-write-without-transaction
  const { productId, quantity } = req.body;
  const order = await prisma.order.create({ data: { userId: req.user.id, total: 0 } });
  await prisma.orderLine.create({ data: { orderId: order.id, productId, quantity } });
  await prisma.product.update({ where: { id: productId }, data: { stock: { decrement: quantity } } });
  res.status(201).json(order);
});
