// Next.js App Router route handler: app/api/checkout/route.ts
import { NextResponse } from 'next/server';
import { Stripe } from 'stripe';
import { prisma } from '@/lib/prisma';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY as string);

export async function POST(request: Request) {
  const { bookingId } = await request.json();
  const booking = await prisma.booking.findUnique({ where: { id: bookingId } });
  if (!booking) return NextResponse.json({ error: 'Not found' }, { status: 404 });
  const session = await stripe.checkout.sessions.create({ // expect: stripe-idempotency-key
    mode: 'payment',
    line_items: [{ price: booking.priceId, quantity: booking.seats }],
    success_url: `${process.env.NEXT_PUBLIC_URL}/bookings/${booking.id}`,
  }, { idempotencyKey: `checkout-session-${bookingId}` });
  await prisma.booking.update({ where: { id: booking.id }, data: { checkoutSessionId: session.id } });
  return NextResponse.json({ url: session.url });
}

export async function PUT() {
  const customer = await stripe.customers.create(); // expect: stripe-idempotency-key
  return NextResponse.json(customer);
}
