import express, { NextFunction, Request, Response } from "express";
import { InternalServerErrorException } from "@nestjs/common";
import { logger } from "./logger";
import { prisma } from "./db";
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http";

const router = express.Router();

router.post("/orders", async (req, res) => {
  try {
    const order = await prisma.order.create({ data: req.body });
    res.status(201).json(order);
  } catch (err) {
    res.status(500).json({ error: err.message }); // expect: error-details-in-response
  }
});

router.get("/orders/:id", async (req: Request, res: Response) => {
  try {
    res.json(await prisma.order.findUniqueOrThrow({ where: { id: req.params.id } }));
  } catch (error) {
    const message = error instanceof Error ? error.message : "Unknown error";
    logger.error("Order lookup failed");
    return res.status(500).json({ success: false, message, requestId: req.headers["x-request-id"] }); // expect: error-details-in-response
  }
});

router.delete("/orders/:id", (req, res) => {
  prisma.order
    .delete({ where: { id: req.params.id } })
    .then(() => res.sendStatus(204))
    .catch((e) => res.status(500).send(e)); // expect: error-details-in-response
});

router.post("/refunds", async (req, res) => {
  try {
    await refund(req.body.orderId);
    res.sendStatus(204);
  } catch (err) {
    res.status(502).send(`Refund failed: ${err.message}`); // expect: error-details-in-response
  }
});

export class BillingService {
  async sync(id: string) {
    try {
      return await syncInvoices(id);
    } catch (e) {
      throw new InternalServerErrorException(e.message); // expect: error-details-in-response
    }
  }
}

export function errorHandler(err: Error, req: Request, res: Response, next: NextFunction) {
  res.status(500).json({ message: err.message, stack: err.stack }); // expect: error-details-in-response
}

export const POST_WEBHOOK = async (req: MedusaRequest, out: MedusaResponse) => {
  try {
    await handleWebhook(req.body);
  } catch (err) {
    out.status(400).send(`Webhook Error: ${err.message}`); // expect: error-details-in-response
    return;
  }
  out.sendStatus(200);
};
