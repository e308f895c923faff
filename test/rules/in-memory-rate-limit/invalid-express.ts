import rateLimit from 'express-rate-limit';
import { rateLimit as limit } from 'express-rate-limit';
import slowDown from 'express-slow-down';
import { RateLimiterMemory } from 'rate-limiter-flexible';

export const loginLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 5 }); // expect: in-memory-rate-limit
export const apiLimiter = limit({ // expect: in-memory-rate-limit
  windowMs: 60_000,
  limit: 100,
  standardHeaders: 'draft-7',
});
export const defaults = rateLimit(); // expect: in-memory-rate-limit
export const speed = slowDown({ windowMs: 60_000, delayAfter: 5, delayMs: () => 500 }); // expect: in-memory-rate-limit
export const points = new RateLimiterMemory({ points: 5, duration: 60 }); // expect: in-memory-rate-limit

export function makeLimiter(max: number) {
  return rateLimit({ windowMs: 60_000, limit: max }); // expect: in-memory-rate-limit
}
