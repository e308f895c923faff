// shipguard-test: no-findings
import express from 'express';
import { prisma } from './db';

const app = express();

app.post('/api/cart/lookup', async (req, res) => {
  const ids: string[] = req.body.ids.slice(0, 50);
  res.json(await prisma.product.findMany({ where: { id: { in: ids } } }));
});
