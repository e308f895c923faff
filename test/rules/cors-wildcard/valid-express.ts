// shipguard-test: no-findings
import express from 'express';
import cors from 'cors';

const allowed = (process.env.CORS_ALLOWED_ORIGINS ?? '').split(',').filter(Boolean);
const app = express();
app.use(cors({ origin: allowed, credentials: true }));
app.use('/public', cors({ origin: 'https://www.example.com' }));
