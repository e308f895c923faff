import express from 'express';
import cors from 'cors';
import { router } from './routes';

const app = express();
app.use(cors({ origin: (process.env.CORS_ALLOWED_ORIGINS ?? '').split(',').filter(Boolean) })); // expect: cors-wildcard
app.use(express.json());
app.use('/api', router);

export default app;
