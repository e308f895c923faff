// shipguard-test: no-findings
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { NextResponse, type NextRequest } from 'next/server';

const ratelimit = new Ratelimit({ redis: Redis.fromEnv(), limiter: Ratelimit.slidingWindow(20, '10 s') });

export async function middleware(request: NextRequest) {
  const { success } = await ratelimit.limit(request.ip ?? '127.0.0.1');
  return success ? NextResponse.next() : new NextResponse('Too many requests', { status: 429 });
}

export const config = { matcher: ['/api/upload/:path*'] };
