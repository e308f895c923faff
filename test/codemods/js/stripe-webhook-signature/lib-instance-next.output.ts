import { NextResponse } from 'next/server'
import { stripe } from '@/lib/stripe'

export async function POST(request: Request) {
  const raw = await request.text()
  const sig = request.headers.get('stripe-signature') ?? ''
  let event
  try {
    event = stripe.webhooks.constructEvent(raw, sig, process.env.STRIPE_WEBHOOK_SECRET as string)
  } catch {
    return new Response('Invalid Stripe signature', { status: 400 })
  }
  switch (event.type) {
    case 'invoice.paid':
      break
  }
  return NextResponse.json({ ok: true })
}
