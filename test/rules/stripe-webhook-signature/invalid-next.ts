import { NextResponse } from "next/server";
import { prisma } from "@/lib/prisma";

export async function POST(req: Request) {
  const event = await req.json(); // expect: stripe-webhook-signature

  if (event.type === "checkout.session.completed") {
    const session = event.data.object;
    await prisma.order.update({ where: { id: session.metadata.orderId }, data: { paid: true } });
  }
  return NextResponse.json({ received: true });
}
