// shipguard-test: no-findings
import express from "express";
import { prisma } from "../lib/prisma";

export const hooks = express.Router();

hooks.post("/hooks", async (req, res) => {
  switch (req.body.type) {
    case "paid":
      await prisma.order.update({ where: { id: req.body.orderId }, data: { status: "paid" } });
      break;
    case "refunded":
      await prisma.refund.create({ data: { orderId: req.body.orderId } });
      break;
  }
  res.json({ received: true });
});
