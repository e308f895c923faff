import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function buy(id: string) {
  await prisma.$transaction(async (tx) => {
    const event = await tx.event.findUniqueOrThrow({ where: { id } });
    if (event.sold >= event.capacity) throw new Error('sold out');
    await tx.event.update({ where: { id }, data: { sold: event.sold + 1 } });
  });
}
