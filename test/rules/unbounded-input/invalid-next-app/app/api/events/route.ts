import { NextResponse } from 'next/server';
import { prisma } from '@/lib/prisma';

export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  const limit = Number(searchParams.get('limit') ?? '50'); // expect: unbounded-input
  const events = await prisma.event.findMany({ take: limit, orderBy: { startsAt: 'asc' } });
  return NextResponse.json(events);
}
