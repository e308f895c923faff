// shipguard-test: no-findings
import { NextResponse, type NextRequest } from 'next/server';
import { loginRatelimit } from '@/lib/ratelimit';

export async function POST(request: NextRequest) {
  const ip = request.ip ?? request.headers.get('x-real-ip') ?? '127.0.0.1';
  const { success, limit, remaining, reset } = await loginRatelimit.limit(`login_${ip}`);
  if (!success) {
    return NextResponse.json(
      { error: 'Too many login attempts' },
      { status: 429, headers: { 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': String(remaining), 'X-RateLimit-Reset': String(reset) } },
    );
  }
  const { email, password } = await request.json();
  return NextResponse.json({ ok: Boolean(email && password) });
}
