import session from 'express-session';
import jwt from 'jsonwebtoken';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

const { JWT_SECRET = requireEnv('JWT_SECRET'), PORT = '3000' } = process.env; // expect: insecure-secret-fallback

export const sessions = session({
  secret: requireEnv('SESSION_SECRET'), // expect: insecure-secret-fallback
  resave: false,
  saveUninitialized: false,
});

export function issue(userId: string) {
  return jwt.sign({ sub: userId }, JWT_SECRET, { algorithm: 'HS256', expiresIn: '1h' });
}

export const nextAuthSecret = requireEnv('NEXTAUTH_SECRET'); // expect: insecure-secret-fallback
export { PORT };
