// shipguard-test: no-findings
import rateLimit, { type Options } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { createClient } from 'redis';

const redisClient = createClient({ url: process.env.REDIS_URL });

export const loginLimiter = rateLimit({
  windowMs: 15 * 60 * 1000,
  limit: 5,
  store: new RedisStore({ sendCommand: (...args: string[]) => redisClient.sendCommand(args) }),
});
const shared: Partial<Options> = { store: new RedisStore({ sendCommand: (...args: string[]) => redisClient.sendCommand(args) }) };
export const apiLimiter = rateLimit({ ...shared, limit: 100 });
export const fromOptions = rateLimit(shared);
export const points = new RateLimiterRedis({ storeClient: redisClient, points: 5, duration: 60 });

function rateLimitLocal(n: number) {
  return n;
}
export const notTheLibrary = rateLimitLocal(5);
