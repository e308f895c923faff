// shipguard-test: no-findings
import type { NextApiRequest, NextApiResponse } from 'next';
import { ratelimit } from '../../../lib/ratelimit';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).end();
  const { success } = await ratelimit.limit(String(req.headers['x-forwarded-for'] ?? 'anon'));
  if (!success) return res.status(429).end();
  res.status(200).json({});
}
