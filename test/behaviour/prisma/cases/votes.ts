// One vote per user and poll, checked before the insert.
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function vote(userId: string, pollId: string, choice: string): Promise<void> {
  const existing = await prisma.vote.findUnique({ where: { userId_pollId: { userId, pollId } } });
  if (!existing) {
    await prisma.vote.create({ data: { userId, pollId, choice } });
  }
}
