// A Next.js app's server modules with keys pasted in.
import Stripe from 'stripe';
import session from 'express-session';
import { initializeApp, cert } from 'firebase-admin/app';
import { WebClient } from '@slack/web-api';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

export const stripe = new Stripe(requireEnv("STRIPE_RESTRICTED_KEY"), { apiVersion: '2024-06-20' }); // expect: hardcoded-secret

export const sessions = session({
  secret: requireEnv('SESSION_SECRET'), // expect: hardcoded-secret
  resave: false,
  saveUninitialized: false,
});

initializeApp({
  credential: cert({
    projectId: 'shop-prod',
    clientEmail: 'firebase-adminsdk@shop-prod.iam.gserviceaccount.com',
    privateKey: requireEnv('PRIVATE_KEY'), // expect: hardcoded-secret
  }),
});

export const slack = new WebClient(requireEnv('SLACK_TOKEN')); // expect: hardcoded-secret

const settings = { mailgunApiKey: requireEnv('MAILGUN_API_KEY') }; // expect: hardcoded-secret
export default settings;
