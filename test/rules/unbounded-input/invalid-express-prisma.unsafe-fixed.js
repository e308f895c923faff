const express = require('express');
const { PrismaClient } = require('@prisma/client');

/** A whole number from the request, clamped to 0..max; null (answer a 400) for anything else. */
function parseBoundedInt(value, { fallback, max = 1000 } = {}) {
  if (value === undefined || value === null || value === '') return fallback ?? null;
  const number = Number(value);
  if (!Number.isInteger(number)) return null;
  return Math.max(0, Math.min(number, max));
}

const prisma = new PrismaClient();
const router = express.Router();

router.get('/orders', async (req, res) => {
  const limit = parseBoundedInt(req.query.limit);
  if (limit === null) return res.status(400).json({ error: 'limit must be a whole number' });
  const orders = await prisma.order.findMany({
    where: { shopId: req.user.shopId },
    orderBy: { createdAt: 'desc' },
    take: limit, // expect: unbounded-input
  });
  res.json(orders);
});

module.exports = router;
