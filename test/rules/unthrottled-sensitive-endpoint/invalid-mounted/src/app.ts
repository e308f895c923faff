import express from 'express';
import rateLimit from 'express-rate-limit';
import authRoutes from './routes/auth';
import billingRoutes from './routes/invalid-billing';

const app = express();
const limiter = rateLimit({ windowMs: 60_000, limit: 20 });

app.use('/billing', billingRoutes);
app.use(limiter);
app.use('/auth', authRoutes);

export default app;
