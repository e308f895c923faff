// shipguard-test: no-findings
import { NextRequest, NextResponse } from 'next/server';
import { prisma } from '@/lib/prisma';

export async function GET(request: NextRequest) {
  const requested = Number(request.nextUrl.searchParams.get('limit') ?? 20);
  const take = Number.isInteger(requested) ? Math.min(requested, 100) : 20;
  const items = await prisma.feedItem.findMany({ take, orderBy: { createdAt: 'desc' } });
  return NextResponse.json(items);
}
