import * as cors from 'cors';
import * as express from 'express';

const server = express();
server.use(cors({ origin: (process.env.CORS_ALLOWED_ORIGINS ?? '').split(',').filter(Boolean), methods: 'GET,HEAD,PUT,PATCH,POST,DELETE' })); // expect: cors-wildcard
