// shipguard-test: no-findings
const express = require('express');
const request = require('supertest');
const { prisma } = require('../../db');

const app = express();
app.get('/orders', async (req, res) => {
  res.json(await prisma.order.findMany({ take: Number(req.query.limit) }));
});

describe('orders', () => {
  it('lists', async () => {
    await request(app).get('/orders?limit=5').expect(200);
  });
});
