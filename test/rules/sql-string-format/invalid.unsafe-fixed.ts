import express from 'express';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const router = express.Router();

router.get('/users', async (req, res) => {
  const { rows } = await pool.query('SELECT id, email FROM users WHERE name = $1', [req.query.name]); // expect: sql-string-format
  res.json(rows);
});

router.get('/orders/:id', async (req, res) => {
  const result = await pool.query('SELECT * FROM orders WHERE id = $1', [req.params.id]); // expect: sql-string-format
  res.json(result.rows[0]);
});

router.get('/search', async (req, res) => {
  const term = req.query.q as string;
  const { rows } = await pool.query('SELECT id FROM products WHERE title ILIKE $1 LIMIT 20', [`%${term}%`]); // expect: sql-string-format
  res.json(rows);
});

export async function invoicesFor(customerId: string) {
  const sql = 'SELECT id, total FROM invoices WHERE customer_id = ' + customerId;
  return (await pool.query(sql)).rows; // expect: sql-string-format
}

router.delete('/sessions', async (req, res) => {
  let sql = 'DELETE FROM sessions WHERE 1 = 1';
  if (req.body.user) sql += ` AND user_id = '${req.body.user}'`;
  await pool.query(sql); // expect: sql-string-format
  res.sendStatus(204);
});

export default router;
