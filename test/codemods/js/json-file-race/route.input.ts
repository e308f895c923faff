import { NextResponse } from 'next/server'
import { readFile, writeFile } from 'node:fs/promises'

const FILE = process.env.SUBS_FILE ?? 'data/subscriptions.json'

export async function POST(request: Request) {
  const body = await request.json()
  const subs = JSON.parse(await readFile(FILE, 'utf8'))
  subs.push(body)
  await writeFile(FILE, JSON.stringify(subs, null, 2))
  return NextResponse.json({ count: subs.length })
}
