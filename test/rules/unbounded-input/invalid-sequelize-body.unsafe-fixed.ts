import { Router } from 'express';
import { AuditLog } from '../models';

/** A whole number from the request, clamped to 0..max; null (answer a 400) for anything else. */
function parseBoundedInt(value: unknown, { fallback, max = 1000 }: { fallback?: number; max?: number } = {}): number | null {
  if (value === undefined || value === null || value === '') return fallback ?? null;
  const number = Number(value);
  if (!Number.isInteger(number)) return null;
  return Math.max(0, Math.min(number, max));
}

export const audit = Router();

audit.post('/audit/search', async (req, res) => {
  const count = parseBoundedInt(req.body.count);
  if (count === null) return res.status(400).json({ error: 'count must be a whole number' });
  const rows = await AuditLog.findAll({
    where: { actorId: req.body.actorId },
    order: [['createdAt', 'DESC']],
    limit: count, // expect: unbounded-input
  });
  res.json(rows);
});
