import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function vote(userId: string, pollId: string, choice: string) {
  await prisma.vote.upsert({ where: { userId_pollId: { userId, pollId } }, update: {}, create: { userId, pollId, choice } });
  return true;
}
