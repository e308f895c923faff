import express, { type Express } from 'express';
import cors, { type CorsOptions } from 'cors';

const corsOptions: CorsOptions = {
  origin: (process.env.CORS_ALLOWED_ORIGINS ?? '').split(',').filter(Boolean),
  credentials: true,
  methods: ['GET', 'POST', 'PUT', 'DELETE'],
};

export function createServer(): Express {
  const server = express();
  server.use(cors(corsOptions)); // expect: cors-wildcard
  return server;
}
