import express from 'express';
import { PrismaClient } from '@prisma/client';

const db = new PrismaClient();
const app = express();

app.get("/api/invoices", async (req, res) => {
  const take = Math.min(Math.max(Number.parseInt(String(req.query.limit ?? '50'), 10) || 50, 1), 200);
  const skip = Math.max(Number.parseInt(String(req.query.offset ?? '0'), 10) || 0, 0);
  const invoices = await db.invoice.findMany({ // expect: unpaginated-list
    where: { accountId: req.params.accountId },
    include: { lines: true },
    take,
    skip,
  });
  return res.json({ invoices });
});
