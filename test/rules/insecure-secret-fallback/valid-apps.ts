// shipguard-test: no-findings
import session from 'express-session';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

const { PORT = '3000', LOG_LEVEL = 'info', JWT_SECRET } = process.env;
export const sessions = session({ secret: requireEnv('SESSION_SECRET'), resave: false, saveUninitialized: false });
export const cookieName = process.env.SESSION_COOKIE_NAME ?? 'sid';
export const jwtAlgorithm = process.env.JWT_ALGORITHM || 'HS256';
export { PORT, LOG_LEVEL, JWT_SECRET };
