import rateLimit from 'express-rate-limit';
import { rateLimit as limit } from 'express-rate-limit';
import slowDown from 'express-slow-down';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { RedisStore } from 'rate-limit-redis';
import { createClient } from 'redis';

const redisClient = createClient({ url: process.env.REDIS_URL });
redisClient.connect();

export const loginLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 5, store: new RedisStore({ prefix: 'rl:loginLimiter:', sendCommand: (...args: string[]) => redisClient.sendCommand(args) }) }); // expect: in-memory-rate-limit
export const apiLimiter = limit({ // expect: in-memory-rate-limit
  windowMs: 60_000,
  limit: 100,
  standardHeaders: 'draft-7',
});
export const defaults = rateLimit({ store: new RedisStore({ prefix: 'rl:defaults:', sendCommand: (...args: string[]) => redisClient.sendCommand(args) }) }); // expect: in-memory-rate-limit
export const speed = slowDown({ windowMs: 60_000, delayAfter: 5, delayMs: () => 500, store: new RedisStore({ prefix: 'rl:speed:', sendCommand: (...args: string[]) => redisClient.sendCommand(args) }) }); // expect: in-memory-rate-limit
export const points = new RateLimiterMemory({ points: 5, duration: 60 }); // expect: in-memory-rate-limit

export function makeLimiter(max: number) {
  return rateLimit({ windowMs: 60_000, limit: max, store: new RedisStore({ prefix: 'rl:limiter8:', sendCommand: (...args: string[]) => redisClient.sendCommand(args) }) }); // expect: in-memory-rate-limit
}
