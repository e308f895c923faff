// shipguard-test: no-findings
import express from 'express';
import { prisma } from './db';

const app = express();

app.get('/api/feed', async (req, res) => {
  const items = await prisma.item.findMany({ take: 25, cursor: req.query.after ? { id: String(req.query.after) } : undefined });
  res.json(items);
});
