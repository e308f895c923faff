// shipguard-test: no-findings
import { NextRequest, NextResponse } from 'next/server';
import { rateLimit } from '../../../lib/ratelimit';

export async function POST(request: NextRequest) {
  const ip = request.headers.get('x-forwarded-for')?.split(',')[0] ?? '127.0.0.1';
  const { success, reset } = await rateLimit(ip);
  if (!success) {
    return NextResponse.json({ error: 'Too many attempts' }, { status: 429, headers: { 'Retry-After': String(reset) } });
  }
  return NextResponse.json({ ok: true });
}
