// shipguard-test: no-findings
import express, { type NextFunction, type Request, type Response } from 'express';
import rateLimit from 'express-rate-limit';
import slowDown from 'express-slow-down';
import { RedisStore } from 'rate-limit-redis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL as string, { enableOfflineQueue: false });
const app = express();

const authLimiter = rateLimit({
  windowMs: 15 * 60 * 1000,
  limit: 10,
  standardHeaders: 'draft-7',
  legacyHeaders: false,
  store: new RedisStore({
    prefix: 'rl:auth:',
    // @ts-expect-error ioredis call signature
    sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args),
  }),
});

const speedLimiter = slowDown({
  windowMs: 60_000,
  delayAfter: 20,
  delayMs: (hits) => hits * 100,
  store: new RedisStore({ prefix: 'sd:', sendCommand: (...args: string[]) => redis.call(args[0], ...args.slice(1)) as never }),
});

const otpLimiter = new RateLimiterRedis({ storeClient: redis, keyPrefix: 'otp', points: 3, duration: 300 });

// an in-memory map that caches, not a rate limiter
const featureFlags = new Map<string, boolean>();

async function otpThrottle(req: Request, res: Response, next: NextFunction) {
  try {
    await otpLimiter.consume(req.ip ?? 'unknown');
    next();
  } catch (err) {
    const retry = err instanceof RateLimiterRes ? Math.ceil(err.msBeforeNext / 1000) : 60;
    res.set('Retry-After', String(retry)).status(429).json({ error: 'Too many requests' });
  }
}

app.use('/api', speedLimiter);

app.post('/auth/login', authLimiter, (req, res) => {
  res.json({ ok: true });
});

app.post('/auth/otp/verify', otpThrottle, async (req, res) => {
  res.json({ verified: true, beta: featureFlags.get('otp-v2') ?? false });
});

app.get('/health', (_req, res) => {
  res.send('ok');
});

export default app;
