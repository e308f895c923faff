// shipguard-test: no-findings
// Server modules that read their keys from the environment, and values that only look like keys.
import Stripe from 'stripe';
import session from 'express-session';

export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY as string, { apiVersion: '2024-06-20' });
export const sessions = session({ secret: process.env.SESSION_SECRET as string, resave: false, saveUninitialized: false });
export const publishableKey = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY ?? 'pk_test_51Hq2mWdK8fT4nR7xZpL3vB9c';
const cookieName = 'next-auth.session-token';
const csrfHeader = 'x-csrf-token-header';
const githubTokenUrl = 'https://github.com/login/oauth/access_token';
const secretName = 'projects/shop/secrets/stripe-key/versions/latest';
const authSecret = 'your-secret-here';
const apiKey = 'changeme';
const passwordRegex = '^(?=.*[A-Z])(?=.*\\d).{12,}$';
export const values = { cookieName, csrfHeader, githubTokenUrl, secretName, authSecret, apiKey, passwordRegex };
