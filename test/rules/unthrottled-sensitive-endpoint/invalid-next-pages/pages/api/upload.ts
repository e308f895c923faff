import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth';
import { withErrors } from '../../lib/errors';

// behind a session, but an upload costs storage per call
async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, {});
  if (!session) return res.status(401).end();
  if (req.method === 'POST') return res.json({ stored: true });
  res.status(405).end();
}

export default withErrors(handler); // expect: unthrottled-sensitive-endpoint
