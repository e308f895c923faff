const express = require('express');
const { PrismaClient } = require('@prisma/client');

const prisma = new PrismaClient();
const app = express();

app.get('/api/orders', async (req, res) => {
  const take = Math.min(Math.max(Number.parseInt(String(req.query.limit ?? '50'), 10) || 50, 1), 200);
  const skip = Math.max(Number.parseInt(String(req.query.offset ?? '0'), 10) || 0, 0);
  const orders = await prisma.order.findMany({ where: { shopId: req.user.shopId }, orderBy: { createdAt: 'desc' }, take, skip }); // expect: unpaginated-list
  res.json(orders);
});
