// shipguard-test: no-findings
const express = require('express');
const { query, validationResult } = require('express-validator');
const { Order } = require('../models');

const router = express.Router();

router.get('/orders', query('limit').isInt({ min: 1, max: 100 }).toInt(), async (req, res) => {
  if (!validationResult(req).isEmpty()) return res.status(400).json({ errors: validationResult(req).array() });
  const orders = await Order.findAll({ limit: Number(req.query.limit) });
  res.json(orders);
});

module.exports = router;
