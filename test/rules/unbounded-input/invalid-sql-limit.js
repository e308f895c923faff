import express from 'express';
import { pool } from './db.js';

const app = express();

app.get('/api/activity', async (req, res) => {
  const count = Number(req.query['count']); // expect: unbounded-input
  const { rows } = await pool.query(
    'SELECT * FROM activity WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2',
    [req.user.id, count],
  );
  res.json(rows);
});
