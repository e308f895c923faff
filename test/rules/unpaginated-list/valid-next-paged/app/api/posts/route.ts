// shipguard-test: no-findings
import { NextResponse } from 'next/server';
import { prisma } from '@/lib/prisma';

export async function GET(request: Request) {
  const page = Number(new URL(request.url).searchParams.get('page') ?? '1');
  const posts = await prisma.post.findMany({ take: 20, skip: (page - 1) * 20 });
  return NextResponse.json(posts);
}
