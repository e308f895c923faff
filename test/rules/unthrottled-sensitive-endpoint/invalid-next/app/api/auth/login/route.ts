import { NextResponse } from 'next/server';

export async function POST(req: Request) { // expect: unthrottled-sensitive-endpoint
  const { email, password } = await req.json();
  return NextResponse.json({ ok: await checkPassword(email, password) });
}

export async function GET() {
  return NextResponse.json({ form: true });
}
