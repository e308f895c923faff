import type { NextRequest } from 'next/server';
import { db } from '@/server/db';

/** A whole number from the request, clamped to 0..max; null (answer a 400) for anything else. */
function parseBoundedInt(value: unknown, { fallback, max = 1000 }: { fallback?: number; max?: number } = {}): number | null {
  if (value === undefined || value === null || value === '') return fallback ?? null;
  const number = Number(value);
  if (!Number.isInteger(number)) return null;
  return Math.max(0, Math.min(number, max));
}

export const GET = async (request: NextRequest) => {
  const take = parseBoundedInt(request.nextUrl.searchParams.get('lines') ?? '100');
  if (take === null) return Response.json({ error: 'lines must be a whole number' }, { status: 400 });
  const lines = await db.log.findMany({
    orderBy: { at: 'desc' },
    take, // expect: unbounded-input
  });
  return Response.json({ lines });
};
