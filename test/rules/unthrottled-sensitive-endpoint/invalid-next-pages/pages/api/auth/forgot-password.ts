import type { NextApiRequest, NextApiResponse } from 'next';
import { sendPasswordResetEmail } from '@/lib/email';

export default async function handler(req: NextApiRequest, res: NextApiResponse) { // expect: unthrottled-sensitive-endpoint
  switch (req.method) {
    case 'POST':
      await sendPasswordResetEmail(req.body.email);
      res.status(200).json({});
      break;
    default:
      res.setHeader('Allow', 'POST');
      res.status(405).json({ error: { message: `Method ${req.method} Not Allowed` } });
  }
}
