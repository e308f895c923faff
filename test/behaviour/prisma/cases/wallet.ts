// An Express-style service: a withdrawal checked against the balance, then written.
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function withdraw(walletId: string, amount: number): Promise<{ ok: boolean; status: number }> {
  const wallet = await prisma.wallet.findUniqueOrThrow({ where: { id: walletId } });
  if (wallet.balance < amount) {
    return { ok: false, status: 409 };
  }
  await prisma.wallet.update({ where: { id: walletId }, data: { balance: wallet.balance - amount } });
  return { ok: true, status: 200 };
}
