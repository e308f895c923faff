// shipguard-test: no-findings
import type { NextApiRequest, NextApiResponse } from 'next';

// GET only: reads the token from the link, creates nothing
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === 'GET') return res.redirect('/auth/login');
  res.status(405).end();
}
