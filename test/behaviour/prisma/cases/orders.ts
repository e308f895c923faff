// Next.js route handler: an order, its line and the tickets taken, then a receipt e-mail, on Prisma.
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

async function sendEmail(to: string, subject: string): Promise<void> {
  void to;
  void subject;
}

export async function POST(request: { json(): Promise<unknown> }): Promise<{ status: number; orderId: string }> {
  const { userId, eventId, quantity } = (await request.json()) as { userId: string; eventId: string; quantity: number };
  const order = await prisma.order.create({ data: { userId } });
  await prisma.orderLine.create({ data: { orderId: order.id, eventId, quantity } });
  await sendEmail(userId, `Order ${order.id} received`);
  await prisma.event.update({ where: { id: eventId }, data: { sold: { increment: quantity } } });
  return { status: 201, orderId: order.id };
}
