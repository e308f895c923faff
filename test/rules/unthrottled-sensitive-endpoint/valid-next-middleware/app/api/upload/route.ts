// shipguard-test: no-findings
import { NextResponse } from 'next/server';

// limited by the Upstash check in ../../../middleware.ts (a root middleware applies to the App Router routes), whose matcher covers /api/upload
export async function POST(request: Request) {
  const form = await request.formData();
  const file = form.get('file');
  return NextResponse.json({ size: file instanceof Blob ? file.size : 0 });
}
