// shipguard-test: no-findings
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';

const ratelimit = new Ratelimit({ redis: Redis.fromEnv(), limiter: Ratelimit.slidingWindow(5, '1 m') });

export async function POST(req: Request) {
  const { success } = await ratelimit.limit(req.headers.get('x-forwarded-for') ?? 'anon');
  if (!success) return new Response('Too many requests', { status: 429 });
  return new Response(null, { status: 201 });
}
