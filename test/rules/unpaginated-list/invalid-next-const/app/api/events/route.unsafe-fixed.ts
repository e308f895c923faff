import { NextRequest, NextResponse } from 'next/server';
import { prisma } from '../../../lib/prisma';

export const GET = async (req: NextRequest) => {
  const take = Math.min(Math.max(Number.parseInt(new URL(req.url).searchParams.get('limit') ?? '50', 10) || 50, 1), 200);
  const skip = Math.max(Number.parseInt(new URL(req.url).searchParams.get('offset') ?? '0', 10) || 0, 0);
  const events = await prisma.event.findMany({ orderBy: { at: 'desc' }, take, skip }); // expect: unpaginated-list
  return NextResponse.json(events);
};
