import session from 'express-session';
import jwt from 'jsonwebtoken';

const { JWT_SECRET = 'dev-jwt-secret', PORT = '3000' } = process.env; // expect: insecure-secret-fallback

export const sessions = session({
  secret: process.env.SESSION_SECRET || 'keyboard cat', // expect: insecure-secret-fallback
  resave: false,
  saveUninitialized: false,
});

export function issue(userId: string) {
  return jwt.sign({ sub: userId }, JWT_SECRET, { algorithm: 'HS256', expiresIn: '1h' });
}

export const nextAuthSecret = process.env['NEXTAUTH_SECRET'] ?? 'development-secret'; // expect: insecure-secret-fallback
export { PORT };
