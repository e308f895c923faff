import { NextRequest, NextResponse } from 'next/server';
import { prisma } from '../../../lib/prisma';

export const GET = async (req: NextRequest) => {
  const events = await prisma.event.findMany({ orderBy: { at: 'desc' } }); // expect: unpaginated-list
  return NextResponse.json(events);
};
