import { Router } from 'express';
import { prisma } from '../lib/prisma';

export const router = Router();

router.get('/customers', async (req, res) => {
  const customers = await prisma.customer.findMany(); // expect: unpaginated-list
  res.json(customers);
});
