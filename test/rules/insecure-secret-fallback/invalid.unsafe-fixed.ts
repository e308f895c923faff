import jwt from 'jsonwebtoken';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

const JWT_SECRET = requireEnv('JWT_SECRET'); // expect: insecure-secret-fallback
const sessionSecret = requireEnv("SESSION_SECRET"); // expect: insecure-secret-fallback

export const config = {
  stripeKey: requireEnv('STRIPE_SECRET_KEY'), // expect: insecure-secret-fallback
  dbPassword: requireEnv('DB_PASSWORD'), // expect: insecure-secret-fallback
  apiKey: requireEnv('MAILGUN_KEY'), // expect: insecure-secret-fallback
};

export function sign(id: string) {
  const secret = requireEnv('AUTH_SECRET'); // expect: insecure-secret-fallback
  return jwt.sign({ sub: id }, secret ?? JWT_SECRET, { algorithm: 'HS256' });
}

export const cookieSecret = requireEnv('COOKIE_SECRET'); // expect: insecure-secret-fallback
export const adminToken = requireEnv('ADMIN_TOKEN'); // expect: insecure-secret-fallback
export { sessionSecret };
