import Stripe from 'stripe';
import { S3Client } from '@aws-sdk/client-s3';
import jwt from 'jsonwebtoken';
import { Octokit } from '@octokit/rest';

export const stripe = new Stripe('sk_live_u8jzPde0IgxLd6GncfBAepfJ', { apiVersion: '2024-06-20' }); // expect: hardcoded-secret
const STRIPE_WEBHOOK_SECRET = 'whsec_IBXuDL7DxtpYlSXpfKtHF4vUCsMehGAk'; // expect: hardcoded-secret

export const s3 = new S3Client({
  region: 'eu-west-1',
  credentials: {
    accessKeyId: 'AKIAFQXKWOVOMPZOM7WB', // expect: hardcoded-secret
    secretAccessKey: 'E1SkHbn88HxjSI6bWHtPzJr4i0B3JrTAwR4y9o', // expect: hardcoded-secret
  },
});

const jwtSecret = 'q8$Lm2!vRz7@Kp4#Wx9&Tb3*Hn6^Yc1J'; // expect: hardcoded-secret

export function sign(userId: string) {
  return jwt.sign({ sub: userId }, jwtSecret, { algorithm: 'HS256' });
}

export const octokit = new Octokit({ auth: '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' }); // expect: hardcoded-secret

export const config = {
  slackBotToken: 'xoxb-2048613094-8731605512-IxNKu8iS2G8NPRVdD53X83', // expect: hardcoded-secret
  mapsApiKey: 'AIzazJr4i0B3JrTAwR4y9ojfljoQoaF1LlqsajA', // expect: hardcoded-secret
  dbPassword: 'Tr0ub4dor&3xq9Lm', // expect: hardcoded-secret
};

export class Mailer {
  private apiKey = 'SG.Bd0Kh8oOOL8dKLzdocJ2isAj.IhKtJ0RlgLKOmxgJTeKdNnFR'; // expect: hardcoded-secret
}

export function webhookSecret() {
  return STRIPE_WEBHOOK_SECRET;
}
