import Stripe from 'stripe';
import { S3Client } from '@aws-sdk/client-s3';
import jwt from 'jsonwebtoken';
import { Octokit } from '@octokit/rest';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

export const stripe = new Stripe(requireEnv('STRIPE_SECRET_KEY'), { apiVersion: '2024-06-20' }); // expect: hardcoded-secret
const STRIPE_WEBHOOK_SECRET = requireEnv('STRIPE_WEBHOOK_SECRET'); // expect: hardcoded-secret

export const s3 = new S3Client({
  region: 'eu-west-1',
  credentials: {
    accessKeyId: requireEnv('AWS_ACCESS_KEY_ID'), // expect: hardcoded-secret
    secretAccessKey: requireEnv('SECRET_ACCESS_KEY'), // expect: hardcoded-secret
  },
});

const jwtSecret = requireEnv('JWT_SECRET'); // expect: hardcoded-secret

export function sign(userId: string) {
  return jwt.sign({ sub: userId }, jwtSecret, { algorithm: 'HS256' });
}

export const octokit = new Octokit({ auth: requireEnv('GITHUB_TOKEN') }); // expect: hardcoded-secret

export const config = {
  slackBotToken: requireEnv('SLACK_BOT_TOKEN'), // expect: hardcoded-secret
  mapsApiKey: requireEnv('MAPS_API_KEY'), // expect: hardcoded-secret
  dbPassword: requireEnv('DB_PASSWORD'), // expect: hardcoded-secret
};

export class Mailer {
  private apiKey = requireEnv('API_KEY'); // expect: hardcoded-secret
}

export function webhookSecret() {
  return STRIPE_WEBHOOK_SECRET;
}
