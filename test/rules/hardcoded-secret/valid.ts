// shipguard-test: no-findings
import Stripe from 'stripe';
import jwt from 'jsonwebtoken';

export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, { apiVersion: '2024-06-20' });
export const STRIPE_PUBLISHABLE_KEY = 'pk_live_u8jzPde0IgxLd6GncfBAepfJ';
const publicKey = 'pk_live_Bd0Kh8oOOL8dKLzdocJ2isAj';
const tokenType = 'Bearer';
const NEXT_TOKEN = 'NextToken';
const passwordField = '<input type=password>';
const apiKeyHeader = 'x-api-key-header-v2';
const SECRET_ENV = 'JWT_SECRET_KEY_VALUE';
const sessionToken = '3f0e2a8c-5b7d-4c1e-9f6a-2d8b7c4e1a90';
const webhookSecret = 'whsec_...';
const stripeKey = 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx';
const adminPassword = 'changeme';
const apiSecret = 'your-api-secret-here';
const integrity = 'sha512-Q2x7vKp9Lm3Nw8Rt4Yb6Hc1Jd5Fg0Sa2Ze7Xu3Ii9Oo4Pq8Ww1Ee6Rr5Tt0Yy';
const accessToken = `${process.env.TOKEN_PREFIX}-token`;
const tokenUrl = 'https://oauth2.googleapis.com/token';

export function verify(token: string) {
  return jwt.verify(token, process.env.JWT_SECRET ?? '', { algorithms: ['HS256'] });
}

export function form() {
  return { type: 'password', name: 'password', placeholder: 'Your password', autocomplete: 'current-password' };
}

export const values = [publicKey, tokenType, NEXT_TOKEN, passwordField, apiKeyHeader, SECRET_ENV, sessionToken, webhookSecret, stripeKey, adminPassword, apiSecret, integrity, accessToken, tokenUrl];

const { SIGNING_SECRET = 'Hq7#vL2!pX9@mK4$wZ8^', PORT = '3000' } = process.env;
export { SIGNING_SECRET, PORT };
