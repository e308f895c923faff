// A Next.js app's server modules with keys pasted in.
import Stripe from 'stripe';
import session from 'express-session';
import { initializeApp, cert } from 'firebase-admin/app';
import { WebClient } from '@slack/web-api';

export const stripe = new Stripe("rk_live_51Hq2mWdK8fT4nR7xZpL3vB9cQe", { apiVersion: '2024-06-20' }); // expect: hardcoded-secret

export const sessions = session({
  secret: 'Xp7#kQ2!mZ9@vL4$wR8^', // expect: hardcoded-secret
  resave: false,
  saveUninitialized: false,
});

initializeApp({
  credential: cert({
    projectId: 'shop-prod',
    clientEmail: 'firebase-adminsdk@shop-prod.iam.gserviceaccount.com',
    privateKey: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n-----END PRIVATE KEY-----\n', // expect: hardcoded-secret
  }),
});

export const slack = new WebClient('xoxp-4820173650-5581946230-7719920461-Qm2Kx8vLp4Zr9Tw3Nb6Yh1Cj'); // expect: hardcoded-secret

const settings = { mailgunApiKey: 'key-7f3a9c2e1b8d4f6a0c5e9b2d7a1f4c8e' }; // expect: hardcoded-secret
export default settings;
