// shipguard-test: no-findings
const express = require('express');
const { prisma } = require('./db');

const app = express();

app.get('/api/orders', async (req, res) => {
  const take = Math.min(Math.max(Number.parseInt(String(req.query.limit ?? '50'), 10) || 50, 1), 200);
  const skip = Math.max(Number(req.query.offset) || 0, 0);
  const orders = await prisma.order.findMany({ take, skip: Math.min(skip, 10000) });
  res.json(orders);
});
