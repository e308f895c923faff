// shipguard-test: no-findings
import { Router } from 'express';
import { z } from 'zod';
import { prisma } from '../db';

const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

export const products = Router();

products.get('/products', async (req, res) => {
  const parsed = ListQuery.safeParse(req.query);
  if (!parsed.success) return res.status(400).json(parsed.error.flatten());
  const { limit } = parsed.data;
  const rows = await prisma.product.findMany({ take: Number(limit) });
  return res.json(rows);
});
