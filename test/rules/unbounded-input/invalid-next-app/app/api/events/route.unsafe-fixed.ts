import { NextResponse } from 'next/server';
import { prisma } from '@/lib/prisma';

/** A whole number from the request, clamped to 0..max; null (answer a 400) for anything else. */
function parseBoundedInt(value: unknown, { fallback, max = 1000 }: { fallback?: number; max?: number } = {}): number | null {
  if (value === undefined || value === null || value === '') return fallback ?? null;
  const number = Number(value);
  if (!Number.isInteger(number)) return null;
  return Math.max(0, Math.min(number, max));
}

export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  const limit = parseBoundedInt(searchParams.get('limit') ?? '50'); // expect: unbounded-input
  if (limit === null) return NextResponse.json({ error: 'limit must be a whole number' }, { status: 400 });
  const events = await prisma.event.findMany({ take: limit, orderBy: { startsAt: 'asc' } });
  return NextResponse.json(events);
}
