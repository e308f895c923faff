import { Router, Request, Response } from 'express';
import { dataSource } from '../data-source';

/** A whole number from the request, clamped to 0..max; null (answer a 400) for anything else. */
function parseBoundedInt(value: unknown, { fallback, max = 1000 }: { fallback?: number; max?: number } = {}): number | null {
  if (value === undefined || value === null || value === '') return fallback ?? null;
  const number = Number(value);
  if (!Number.isInteger(number)) return null;
  return Math.max(0, Math.min(number, max));
}

const router = Router();

router.get('/leaderboard', async (req: Request, res: Response) => {
  const top = parseBoundedInt(req.query.top); // expect: unbounded-input
  if (top === null) return res.status(400).json({ error: 'top must be a whole number' });
  const rows = await dataSource.query(`SELECT name, score FROM players ORDER BY score DESC LIMIT ${top}`);
  res.json(rows);
});

export default router;
