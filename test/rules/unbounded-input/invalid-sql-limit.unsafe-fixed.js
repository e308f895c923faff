import express from 'express';
import { pool } from './db.js';

/** A whole number from the request, clamped to 0..max; null (answer a 400) for anything else. */
function parseBoundedInt(value, { fallback, max = 1000 } = {}) {
  if (value === undefined || value === null || value === '') return fallback ?? null;
  const number = Number(value);
  if (!Number.isInteger(number)) return null;
  return Math.max(0, Math.min(number, max));
}

const app = express();

app.get('/api/activity', async (req, res) => {
  const count = parseBoundedInt(req.query['count']); // expect: unbounded-input
  if (count === null) return res.status(400).json({ error: 'count must be a whole number' });
  const { rows } = await pool.query(
    'SELECT * FROM activity WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2',
    [req.user.id, count],
  );
  res.json(rows);
});
