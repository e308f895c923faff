import type { NextRequest } from 'next/server';
import { db } from '@/server/db';

export const GET = async (request: NextRequest) => {
  const lines = await db.log.findMany({
    orderBy: { at: 'desc' },
    take: parseInt(request.nextUrl.searchParams.get('lines') ?? '100', 10), // expect: unbounded-input
  });
  return Response.json({ lines });
};
