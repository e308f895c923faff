// shipguard-test: no-findings
import express from 'express';
import { prisma } from './db';
import { pageArgs } from './paging';

const app = express();

app.get('/api/customers', async (req, res) => {
  const args = pageArgs(req.query);
  res.json(await prisma.customer.findMany(args));
});

app.get('/api/vendors', async (req, res) => {
  res.json(await prisma.vendor.findMany({ ...pageArgs(req.query), where: { active: true } }));
});
