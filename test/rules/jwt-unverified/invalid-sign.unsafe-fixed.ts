import jwt from 'jsonwebtoken';
import type { NextFunction, Request, Response } from 'express';

const secret = process.env.JWT_SECRET as string;

export function login(userId: string) {
  return jwt.sign({ sub: userId }, secret, { algorithm: 'HS512', expiresIn: '1h' });
}

export function authenticate(req: Request, res: Response, next: NextFunction) {
  const claims = jwt.verify(String(req.headers.authorization).slice(7), secret, { algorithms: ['HS512'] }) as { sub?: string } | null; // expect: jwt-unverified
  if (!claims?.sub) return res.status(401).end();
  res.locals.userId = claims.sub;
  next();
}
