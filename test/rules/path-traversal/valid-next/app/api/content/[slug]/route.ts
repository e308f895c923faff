// shipguard-test: no-findings
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { NextRequest, NextResponse } from 'next/server';

const CONTENT_DIR = path.join(process.cwd(), 'content');
const LANGS = ['en', 'de'];

export async function GET(request: NextRequest, { params }: { params: { slug: string } }) {
  const body = await readFile(path.join(CONTENT_DIR, `${path.basename(params.slug)}.md`), 'utf8');
  return NextResponse.json({ body });
}

export async function POST(request: NextRequest) {
  const lang = request.nextUrl.searchParams.get('lang') ?? 'en';
  if (!LANGS.includes(lang)) return new NextResponse(null, { status: 400 });
  return NextResponse.json({ body: await readFile(path.join(CONTENT_DIR, lang, 'index.md'), 'utf8') });
}
