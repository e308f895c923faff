import express from 'express';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
export const app = express();

app.get('/api/users/:id/messages', async (req, res) => {
  const user = await prisma.user.findUnique({ where: { id: req.params.id } });
  if (!user) return res.status(404).end();
  const messages = await prisma.message.findMany({ where: { userId: user.id } }); // expect: unpaginated-list
  return res.json(messages);
});
