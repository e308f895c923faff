import type { NextApiRequest, NextApiResponse } from 'next';
import { User } from '@/models/User';

/** A whole number from the request, clamped to 0..max; null (answer a 400) for anything else. */
function parseBoundedInt(value: unknown, { fallback, max = 1000 }: { fallback?: number; max?: number } = {}): number | null {
  if (value === undefined || value === null || value === '') return fallback ?? null;
  const number = Number(value);
  if (!Number.isInteger(number)) return null;
  return Math.max(0, Math.min(number, max));
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const limit = parseBoundedInt(req.query.limit, { fallback: 25 }); // expect: unbounded-input
  if (limit === null) return res.status(400).json({ error: 'limit must be a whole number' });
  const users = await User.find().limit(limit).lean();
  res.status(200).json(users);
}
