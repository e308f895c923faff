import { NextResponse } from 'next/server'
import { readFile, writeFile } from 'node:fs/promises'
import * as lockfile from 'proper-lockfile'
import writeFileAtomic from 'write-file-atomic'

const FILE = process.env.SUBS_FILE ?? 'data/subscriptions.json'

export async function POST(request: Request) {
  const body = await request.json()
  const release = await lockfile.lock(FILE, { retries: { retries: 10, minTimeout: 20 }, realpath: false })
  try {
    const subs = JSON.parse(await readFile(FILE, 'utf8'))
    subs.push(body)
    await writeFileAtomic(FILE, JSON.stringify(subs, null, 2))
    return NextResponse.json({ count: subs.length })
  } finally {
    await release()
  }
}
