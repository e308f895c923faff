// shipguard-test: no-findings
import express from 'express';
import { Pool } from 'pg';
import { PrismaClient } from '@prisma/client';

const pool = new Pool();
const prisma = new PrismaClient();
const router = express.Router();
const TABLE = 'orders';
const SORTS: Record<string, string> = { newest: 'created_at DESC', price: 'price ASC' };
const STATUSES = ['open', 'paid'];

router.get('/users', async (req, res) => {
  const { rows } = await pool.query('SELECT id FROM users WHERE name = $1', [req.query.name]);
  res.json(rows);
});

router.get('/count', async (_req, res) => {
  const { rows } = await pool.query(`SELECT count(*) FROM ${TABLE}`);
  res.json(rows[0]);
});

router.get('/products', async (req, res) => {
  const order = SORTS[String(req.query.sort)] ?? SORTS.newest;
  const { rows } = await pool.query(`SELECT id FROM products ORDER BY ${order}`);
  res.json(rows);
});

router.get('/page', async (req, res) => {
  const limit = Number(req.query.limit ?? 20);
  const { rows } = await pool.query(`SELECT id FROM products LIMIT ${limit}`);
  res.json(rows);
});

router.get('/by-status', async (req, res) => {
  const status = String(req.query.status);
  if (!STATUSES.includes(status)) return res.status(400).end();
  const { rows } = await pool.query(`SELECT id FROM orders WHERE status = '${status}'`);
  res.json(rows);
});

router.get('/teams/:id', async (req, res) => {
  res.json(await prisma.$queryRaw`SELECT id FROM "Team" WHERE id = ${req.params.id}`);
});

export async function run(sql: string, params: unknown[]) {
  return pool.query(sql, params);
}

export async function graph(client: { query: (o: object) => Promise<unknown> }, id: string) {
  return client.query({ query: `query { user(id: "${id}") { name } }` });
}

export const logLine = (logger: { query: (s: string) => void }, user: string) => logger.query(`user ${user} signed in`);

export async function sorted(column: string) {
  // a name the code passes in: it cannot be a parameter, and no request value reaches it here
  return pool.query(`SELECT id FROM products ORDER BY ${column}`);
}

export default router;
