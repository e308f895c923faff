import express, { Request, Response } from 'express';
import { prisma } from './db';

const app = express();

async function listInvoices(req: Request, res: Response) {
  const limit = parseInt(req.query.limit as string, 10) || 20; // expect: unbounded-input
  const invoices = await prisma.invoice.findMany({ take: limit, orderBy: { issuedAt: 'desc' } });
  res.json({ invoices });
}

app.get('/invoices', listInvoices);
