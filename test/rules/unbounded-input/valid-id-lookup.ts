// shipguard-test: no-findings
import express from 'express';
import { prisma } from './db';

const app = express();

// a number from the request that is an id or a filter, not a size
app.get('/users/:id', async (req, res) => {
  const user = await prisma.user.findUnique({ where: { id: Number(req.params.id) } });
  const minAge = parseInt(req.query.minAge as string, 10);
  const friends = await prisma.user.findMany({ where: { age: { gte: minAge } }, take: 50 });
  res.json({ user, friends });
});
