// shipguard-test: no-findings
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';

// the in-memory `ephemeralCache` only remembers blocked identifiers; counts live in Redis
const cache = new Map<string, number>();

export const ratelimit = new Ratelimit({
  redis: Redis.fromEnv(),
  limiter: Ratelimit.slidingWindow(5, '60 s'),
  ephemeralCache: cache,
  prefix: 'ratelimit:login',
  analytics: true,
});

export async function rateLimit(identifier: string) {
  const { success, reset, remaining } = await ratelimit.limit(identifier);
  return { success, reset, remaining };
}
