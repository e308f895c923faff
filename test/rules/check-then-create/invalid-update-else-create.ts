import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

// update if it exists, else create: two requests both find none and both create
export async function setPreference(userId: string, key: string, value: string) {
  const pref = await prisma.preference.findFirst({ where: { userId, key } }); // expect: check-then-create
  if (pref) {
    await prisma.preference.update({ where: { id: pref.id }, data: { value } });
  } else {
    await prisma.preference.create({ data: { userId, key, value } });
  }
}

// inside $transaction: left alone
export async function setPreferenceTx(userId: string, key: string, value: string) {
  await prisma.$transaction(async (tx) => {
    const pref = await tx.preference.findFirst({ where: { userId, key } });
    if (pref) {
      await tx.preference.update({ where: { id: pref.id }, data: { value } });
    } else {
      await tx.preference.create({ data: { userId, key, value } });
    }
  });
}

// already one query
export async function setPreferenceOnce(userId: string, key: string, value: string) {
  await prisma.preference.upsert({ where: { userId_key: { userId, key } }, update: { value }, create: { userId, key, value } });
}
