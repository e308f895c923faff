import type { NextFunction, Request, Response } from 'express';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import * as jsonwebtoken from 'jsonwebtoken';

const { decode } = require('jsonwebtoken');

export function requireUser(req: Request & { user?: unknown }, res: Response, next: NextFunction) {
  const token = (req.headers.authorization ?? '').replace('Bearer ', '');
  const claims = jwt.decode(token) as JwtPayload | null; // expect: jwt-unverified
  if (!claims) return res.status(401).end();
  req.user = { id: claims.sub };
  next();
}

export const authMiddleware = (req: Request, res: Response, next: NextFunction) => {
  const payload: any = jsonwebtoken.decode(String(req.headers['x-token'])); // expect: jwt-unverified
  res.locals.userId = payload?.id;
  next();
};

export function currentUser(token: string) {
  const claims = decode(token); // expect: jwt-unverified
  return claims?.sub;
}

export function verifyLoose(req: Request) {
  return jwt.verify(String(req.headers.authorization), process.env.JWT_SECRET as string, { algorithms: ['HS256', 'none'] }); // expect: jwt-unverified
}

export class AuthGuard {
  canActivate(context: { switchToHttp(): { getRequest(): Request } }) {
    const request = context.switchToHttp().getRequest();
    const user = jwt.decode(request.headers.authorization!.slice(7), { json: true }); // expect: jwt-unverified
    return !!user;
  }
}

export function socketAuth(socket: { handshake: { auth: { token: string } } }) {
  const data = jwt.decode(socket.handshake.auth.token); // expect: jwt-unverified
  return data;
}

export function protectRoute(request: Request) {
  return jwt.decode(request.cookies.session, { complete: false }); // expect: jwt-unverified
}

export function sessionUser(ctx: { cookies: { get(n: string): string } }) {
  return jwt.decode(ctx.cookies.get('jwt')); // expect: jwt-unverified
}
