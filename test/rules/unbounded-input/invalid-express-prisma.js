const express = require('express');
const { PrismaClient } = require('@prisma/client');

const prisma = new PrismaClient();
const router = express.Router();

router.get('/orders', async (req, res) => {
  const orders = await prisma.order.findMany({
    where: { shopId: req.user.shopId },
    orderBy: { createdAt: 'desc' },
    take: Number(req.query.limit), // expect: unbounded-input
  });
  res.json(orders);
});

module.exports = router;
