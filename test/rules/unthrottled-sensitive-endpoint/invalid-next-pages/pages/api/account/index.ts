// shipguard-test: no-findings
import type { NextApiRequest, NextApiResponse } from 'next';

// /api/account: nothing sensitive in its name
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') return res.status(405).end();
  res.json({ ok: true });
}
