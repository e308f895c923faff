import jwt from 'jsonwebtoken';

const JWT_SECRET = process.env.JWT_SECRET || 'dev-secret'; // expect: insecure-secret-fallback
const sessionSecret = process.env.SESSION_SECRET ?? "keyboard cat"; // expect: insecure-secret-fallback

export const config = {
  stripeKey: process.env['STRIPE_SECRET_KEY'] || 'sk_test_local', // expect: insecure-secret-fallback
  dbPassword: process.env.DB_PASSWORD ?? 'postgres', // expect: insecure-secret-fallback
  apiKey: process.env.MAILGUN_KEY || 'key-local', // expect: insecure-secret-fallback
};

export function sign(id: string) {
  const secret = process.env.AUTH_SECRET || 'secret'; // expect: insecure-secret-fallback
  return jwt.sign({ sub: id }, secret ?? JWT_SECRET, { algorithm: 'HS256' });
}

export const cookieSecret = (process.env.COOKIE_SECRET as string) || 'cookie'; // expect: insecure-secret-fallback
export const adminToken = process.env.ADMIN_TOKEN ?? 'admin'; // expect: insecure-secret-fallback
export { sessionSecret };
