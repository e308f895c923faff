// shipguard-test: no-findings
import express from 'express';
import { prisma } from './db';

const app = express();
app.get('/api/orders', async (req, res) => res.json(await prisma.order.findMany()));
