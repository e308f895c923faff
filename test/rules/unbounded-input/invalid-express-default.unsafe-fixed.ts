import express, { Request, Response } from 'express';
import { prisma } from './db';

/** A whole number from the request, clamped to 0..max; null (answer a 400) for anything else. */
function parseBoundedInt(value: unknown, { fallback, max = 1000 }: { fallback?: number; max?: number } = {}): number | null {
  if (value === undefined || value === null || value === '') return fallback ?? null;
  const number = Number(value);
  if (!Number.isInteger(number)) return null;
  return Math.max(0, Math.min(number, max));
}

const app = express();

async function listInvoices(req: Request, res: Response) {
  const limit = parseBoundedInt(req.query.limit as string, { fallback: 20 }); // expect: unbounded-input
  if (limit === null) return res.status(400).json({ error: 'limit must be a whole number' });
  const invoices = await prisma.invoice.findMany({ take: limit, orderBy: { issuedAt: 'desc' } });
  res.json({ invoices });
}

app.get('/invoices', listInvoices);
