const express = require('express');
const { PrismaClient } = require('@prisma/client');

const prisma = new PrismaClient();
const app = express();

app.get('/api/orders', async (req, res) => {
  const orders = await prisma.order.findMany({ where: { shopId: req.user.shopId }, orderBy: { createdAt: 'desc' } }); // expect: unpaginated-list
  res.json(orders);
});
