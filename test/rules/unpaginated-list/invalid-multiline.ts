import express from 'express';
import { PrismaClient } from '@prisma/client';

const db = new PrismaClient();
const app = express();

app.get("/api/invoices", async (req, res) => {
  const invoices = await db.invoice.findMany({ // expect: unpaginated-list
    where: { accountId: req.params.accountId },
    include: { lines: true },
  });
  return res.json({ invoices });
});
