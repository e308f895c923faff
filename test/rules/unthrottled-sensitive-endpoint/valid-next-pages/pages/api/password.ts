// shipguard-test: no-findings
import type { NextApiRequest, NextApiResponse } from 'next';
import { getSession } from '../../lib/session';

// a logged-in user changing their own password
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getSession(req, res);
  if (!session) return res.status(401).json({ error: 'Unauthorized' });
  if (req.method === 'PUT') return res.json({ ok: true });
  res.status(405).end();
}
