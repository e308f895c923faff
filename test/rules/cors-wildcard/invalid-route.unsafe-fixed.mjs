import express from 'express';
import cors from 'cors';
import { listInvoices } from './invoices.mjs';

export const app = express();
app.get('/api/invoices', cors({ origin: (process.env.CORS_ALLOWED_ORIGINS ?? '').split(',').filter(Boolean) }), async (req, res) => res.json(await listInvoices(req.user))); // expect: cors-wildcard
