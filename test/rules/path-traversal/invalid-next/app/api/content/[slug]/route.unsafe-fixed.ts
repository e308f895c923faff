import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { NextRequest, NextResponse } from 'next/server';

const CONTENT_DIR = path.join(process.cwd(), 'content');

export async function GET(request: NextRequest, { params }: { params: { slug: string } }) {
  const body = await readFile(path.join(CONTENT_DIR, path.basename(`${params.slug}.md`)), 'utf8'); // expect: path-traversal
  return NextResponse.json({ body });
}

export async function PUT(request: NextRequest, context: { params: { slug: string } }) {
  const lang = request.nextUrl.searchParams.get('lang') ?? 'en';
  await writeFile(path.join(CONTENT_DIR, lang, context.params.slug), await request.text()); // expect: path-traversal
  return new NextResponse(null, { status: 204 });
}
