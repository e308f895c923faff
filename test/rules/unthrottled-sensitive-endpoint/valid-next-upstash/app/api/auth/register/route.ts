// shipguard-test: no-findings
import { NextResponse } from 'next/server';
import { checkSignupLimit } from '../../../../lib/ratelimit';

export const POST = async (request: Request) => {
  const ip = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? 'anonymous';
  if (!(await checkSignupLimit(ip))) {
    return new NextResponse('Too many requests', { status: 429 });
  }
  const body = await request.json();
  return NextResponse.json({ created: body.email }, { status: 201 });
};
