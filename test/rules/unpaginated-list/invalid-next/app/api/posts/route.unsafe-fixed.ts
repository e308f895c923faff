import { NextResponse } from 'next/server';
import { prisma } from '@/lib/prisma';

export async function GET(request: Request) {
  const take = Math.min(Math.max(Number.parseInt(new URL(request.url).searchParams.get('limit') ?? '50', 10) || 50, 1), 200);
  const skip = Math.max(Number.parseInt(new URL(request.url).searchParams.get('offset') ?? '0', 10) || 0, 0);
  const posts = await prisma.post.findMany({ where: { published: true }, take, skip }); // expect: unpaginated-list
  return NextResponse.json(posts);
}
