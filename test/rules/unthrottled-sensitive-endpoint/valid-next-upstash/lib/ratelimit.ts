// shipguard-test: no-findings
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';

const redis = Redis.fromEnv();

export const loginRatelimit = new Ratelimit({
  redis,
  limiter: Ratelimit.slidingWindow(5, '1 m'),
  prefix: 'rl:login',
});

const signupRatelimit = new Ratelimit({ redis, limiter: Ratelimit.fixedWindow(3, '1 h'), prefix: 'rl:signup' });

export async function checkSignupLimit(identifier: string): Promise<boolean> {
  const { success } = await signupRatelimit.limit(identifier);
  return success;
}
