// Next.js route handler: the seed's ticket purchase on Prisma.
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function buyTickets(eventId: string, quantity: number): Promise<{ ok: boolean; status: number }> {
  if (quantity <= 0) return { ok: false, status: 400 };
  const event = await prisma.event.findUnique({ where: { id: eventId } });
  if (!event || event.sold + quantity > event.capacity) {
    return { ok: false, status: 409 };
  }
  await prisma.event.update({ where: { id: eventId }, data: { sold: event.sold + quantity } });
  return { ok: true, status: 201 };
}
