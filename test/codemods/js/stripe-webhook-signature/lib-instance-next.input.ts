import { NextResponse } from 'next/server'
import { stripe } from '@/lib/stripe'

export async function POST(request: Request) {
  const raw = await request.text()
  const event = JSON.parse(raw)
  switch (event.type) {
    case 'invoice.paid':
      break
  }
  return NextResponse.json({ ok: true })
}
