import { Router } from "express";
import { z } from "zod";
import { prisma } from "../lib/prisma";
import { requireAdmin } from "../middleware/auth";
import { recordExport } from "../services/exportLog";

export const reportsRouter = Router();

reportsRouter.get("/reports/sales", requireAdmin, async (req, res) => {
  const from = String(req.query.from ?? "2024-01-01");
  const rows = await prisma.$queryRawUnsafe(
    `SELECT "eventId", SUM("amountCents") AS total FROM "Order" WHERE status = 'paid' AND "createdAt" >= '${from}' GROUP BY "eventId"`,
  );
  res.json(rows);
});

reportsRouter.get("/reports/events/:id/buyers", requireAdmin, async (req, res) => {
  const { id } = z.object({ id: z.string() }).parse(req.params);
  const rows = await prisma.$queryRaw`
    SELECT u.email, o.quantity, o."createdAt"
    FROM "Order" o JOIN "User" u ON u.id = o."userId"
    WHERE o."eventId" = ${id} AND o.status = 'paid'
    ORDER BY o."createdAt"
    LIMIT 5000`;
  await recordExport(`buyers:${id}`);
  res.json(rows);
});
