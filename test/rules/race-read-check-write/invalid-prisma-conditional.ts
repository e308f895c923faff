// A check that compares one field with a value, and a write that moves that field: one
// conditional updateMany, which holds no lock (the count says whether the check passed).
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function withdraw(walletId: string, amount: number) {
  const wallet = await prisma.wallet.findUniqueOrThrow({ where: { id: walletId } }); // expect: race-read-check-write
  if (wallet.balance < amount) {
    throw new Error('Insufficient funds');
  }
  await prisma.wallet.update({ where: { id: walletId }, data: { balance: wallet.balance - amount } });
  return { ok: true };
}

export async function reserveSeats(eventId: number, seats: number) {
  const event = await prisma.event.findUnique({ where: { id: eventId } }); // expect: race-read-check-write
  if (seats > event!.remaining) throw new Error('Sold out');
  await prisma.event.update({ where: { id: eventId }, data: { remaining: { decrement: seats } } });
}

export async function redeem(code: string, userId: string) {
  const coupon = await prisma.coupon.findFirst({ where: { code } }); // expect: race-read-check-write
  if (coupon!.uses >= coupon!.maxUses) return null;
  await prisma.coupon.update({ where: { id: coupon!.id }, data: { uses: coupon!.uses + 1 } });
  return prisma.redemption.create({ data: { couponId: coupon!.id, userId } });
}

// the balance is read again after the write: it would hold the old value, so the lock it is
export async function withdrawAndReport(walletId: string, amount: number) {
  const wallet = await prisma.wallet.findUniqueOrThrow({ where: { id: walletId } }); // expect: race-read-check-write
  if (wallet.balance < amount) throw new Error('Insufficient funds');
  await prisma.wallet.update({ where: { id: walletId }, data: { balance: wallet.balance - amount } });
  return { balance: wallet.balance - amount };
}
