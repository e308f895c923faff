import { Router } from 'express';
import { prisma } from '../lib/prisma';

export const router = Router();

router.get('/customers', async (req, res) => {
  const take = Math.min(Math.max(Number.parseInt(String(req.query.limit ?? '50'), 10) || 50, 1), 200);
  const skip = Math.max(Number.parseInt(String(req.query.offset ?? '0'), 10) || 0, 0);
  const customers = await prisma.customer.findMany({ take, skip }); // expect: unpaginated-list
  res.json(customers);
});
