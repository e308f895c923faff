// shipguard-test: no-findings
import express from 'express';
import { prisma } from './db';

const app = express();

app.get('/api/orders', async (req, res) => {
  const take = Math.min(Number(req.query.limit) || 20, 100);
  const orders = await prisma.order.findMany({ take, skip: Number(req.query.offset) || 0 });
  res.json(orders);
});
