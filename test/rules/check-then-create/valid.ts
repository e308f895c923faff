// shipguard-test: no-findings
import { PrismaClient } from '@prisma/client';
import { prisma } from '../lib/prisma';

const db = new PrismaClient();

// 1. upsert
export async function vote(userId: string, pollId: string, choice: string) {
  await prisma.vote.upsert({ where: { userId_pollId: { userId, pollId } }, update: {}, create: { userId, pollId, choice } });
}

// 2. create and handle the unique violation
export async function follow(followerId: string, targetId: string) {
  try {
    await db.follow.create({ data: { followerId, targetId } });
  } catch (e) {
    if ((e as { code?: string }).code !== 'P2002') throw e;
  }
}

// 3. inside an interactive transaction
export async function ensureProfile(userId: string) {
  await prisma.$transaction(async (tx) => {
    const existing = await tx.profile.findUnique({ where: { userId } });
    if (!existing) await tx.profile.create({ data: { userId } });
  });
}

// 4. a different model is created
export async function firstLogin(userId: string) {
  const profile = await prisma.profile.findUnique({ where: { userId } });
  if (!profile) {
    await prisma.auditLog.create({ data: { userId, event: 'first-login' } });
  }
}

// 5. the create does not cover the lookup
export async function invite(email: string, teamId: string) {
  const pending = await prisma.invite.findFirst({ where: { email, accepted: false } });
  if (!pending) {
    await prisma.invite.create({ data: { teamId } });
  }
}

// 6. the check leads to an update, not a create
export async function touch(userId: string) {
  const user = await prisma.user.findUnique({ where: { id: userId } });
  if (user) {
    await prisma.user.update({ where: { id: userId }, data: { seenAt: new Date() } });
  }
}

// 7. a guard clause with nothing created afterwards
export async function getUser(id: string) {
  const user = await prisma.user.findUnique({ where: { id } });
  if (!user) throw new Error('not found');
  return user;
}

// 8. not Prisma: a Map cache
const cache = new Map<string, number>();
export function remember(key: string) {
  const hit = cache.get(key);
  if (!hit) cache.set(key, 1);
}
