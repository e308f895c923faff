import { Router } from "express";
import { z } from "zod";
import { prisma } from "../lib/prisma";
import { requireUser, type AuthedRequest } from "../middleware/auth";

export const ticketsRouter = Router();

const purchaseBody = z.object({ quantity: z.number().int().min(1).max(10) });
const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});

ticketsRouter.get("/events", async (req, res) => {
  const { page, pageSize } = pageQuery.parse(req.query);
  const events = await prisma.event.findMany({
    where: { startsAt: { gte: new Date() } },
    orderBy: { startsAt: "asc" },
    skip: (page - 1) * pageSize,
    take: pageSize,
  });
  res.json({ page, results: events });
});

ticketsRouter.post("/events/:id/purchase", requireUser, async (req: AuthedRequest, res) => {
  const { quantity } = purchaseBody.parse(req.body);

  const event = await prisma.event.findUnique({ where: { id: req.params.id } });
  if (!event) {
    return res.status(404).json({ error: "Event not found" });
  }
  if (event.sold + quantity > event.capacity) {
    return res.status(409).json({ error: "Not enough tickets left" });
  }

  await prisma.event.update({
    where: { id: event.id },
    data: { sold: event.sold + quantity },
  });
  const order = await prisma.order.create({
    data: {
      userId: req.user!.id,
      eventId: event.id,
      quantity,
      amountCents: event.priceCents * quantity,
      status: "paid",
    },
  });
  res.status(201).json(order);
});

ticketsRouter.post("/events/:id/hold", requireUser, async (req: AuthedRequest, res) => {
  const { quantity } = purchaseBody.parse(req.body);
  const eventId = req.params.id;

  const order = await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Event" WHERE id = ${eventId} FOR UPDATE`;
    const event = await tx.event.findUnique({ where: { id: eventId } });
    if (!event || event.sold + quantity > event.capacity) {
      return null;
    }
    await tx.event.update({ where: { id: eventId }, data: { sold: { increment: quantity } } });
    return tx.order.create({
      data: { userId: req.user!.id, eventId, quantity, amountCents: event.priceCents * quantity },
    });
  });

  if (!order) {
    return res.status(409).json({ error: "Not enough tickets left" });
  }
  res.status(201).json(order);
});

ticketsRouter.post("/events/:id/waitlist", async (req, res) => {
  const { email } = z.object({ email: z.string().email() }).parse(req.body);
  const existing = await prisma.waitlistEntry.findFirst({ where: { eventId: req.params.id, email } });
  if (!existing) {
    await prisma.waitlistEntry.create({ data: { eventId: req.params.id, email } });
  }
  res.status(202).end();
});
