import type { NextFunction, Request, Response } from 'express';
import { redis } from '../redis';

export async function protect(req: Request, res: Response, next: NextFunction) {
  const key = `hits:${req.ip}`;
  const hits = await redis.incr(key);
  if (hits === 1) await redis.expire(key, 60);
  if (hits > 10) return res.status(429).json({ error: 'Too many requests' });
  next();
}
