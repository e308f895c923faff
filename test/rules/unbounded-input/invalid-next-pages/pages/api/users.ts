import type { NextApiRequest, NextApiResponse } from 'next';
import { User } from '@/models/User';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const limit = Number(req.query.limit) || 25; // expect: unbounded-input
  const users = await User.find().limit(limit).lean();
  res.status(200).json(users);
}
