// shipguard-test: no-findings
import express from 'express';
import helmet from 'helmet';
import { apiLimiter, authLimiter } from './middleware/security';
import authRouter from './routes/auth';
import { files } from './routes/files';

const app = express();
app.set('trust proxy', 1);
app.use(helmet());
app.use(express.json());
// the auth routes get the strict limiter only; everything mounted after shares the API limit
app.use('/api/auth', authLimiter, authRouter);
app.use(apiLimiter);
app.use('/api/files', files);

app.get('/healthz', (_req, res) => {
  res.send('ok');
});

export default app;
