// A check that compares one field with a value, and a write that moves that field: one
// conditional updateMany, which holds no lock (the count says whether the check passed).
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function withdraw(walletId: string, amount: number) {
  await prisma.wallet.findUniqueOrThrow({ where: { id: walletId } }); // expect: race-read-check-write
  const { count } = await prisma.wallet.updateMany({ where: { id: walletId, balance: { gte: amount } }, data: { balance: { decrement: amount } } });
  if (count === 0) {
    throw new Error('Insufficient funds');
  }
  return { ok: true };
}

export async function reserveSeats(eventId: number, seats: number) {
  const { count } = await prisma.event.updateMany({ where: { id: eventId, remaining: { gte: seats } }, data: { remaining: { decrement: seats } } });
  if (count === 0) throw new Error('Sold out');
}

export async function redeem(code: string, userId: string) {
  return await prisma.$transaction(async (tx) => {
    const coupon = await tx.coupon.findFirst({ where: { code } }); // expect: race-read-check-write
    if (coupon!.uses >= coupon!.maxUses) return null;
    await tx.coupon.update({ where: { id: coupon!.id }, data: { uses: coupon!.uses + 1 } });
    return tx.redemption.create({ data: { couponId: coupon!.id, userId } });
  }, { isolationLevel: 'Serializable' });
}

// the balance is read again after the write: it would hold the old value, so the lock it is
export async function withdrawAndReport(walletId: string, amount: number) {
  const wallet = await prisma.$transaction(async (tx) => {
    const wallet = await tx.wallet.findUniqueOrThrow({ where: { id: walletId } }); // expect: race-read-check-write
    if (wallet.balance < amount) throw new Error('Insufficient funds');
    await tx.wallet.update({ where: { id: walletId }, data: { balance: wallet.balance - amount } });
    return wallet;
  }, { isolationLevel: 'Serializable' });
  return { balance: wallet.balance - amount };
}
