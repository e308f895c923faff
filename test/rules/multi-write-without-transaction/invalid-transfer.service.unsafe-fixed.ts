import { PrismaClient } from "@prisma/client";

export class TransferService {
  constructor(private readonly prisma: PrismaClient) {}

  async transfer(fromId: string, toId: string, amount: number) { // expect: multi-write-without-transaction
    const entry = await this.prisma.$transaction(async (tx) => {
      await tx.account.update({ where: { id: fromId }, data: { balance: { decrement: amount } } });
      await tx.account.update({ where: { id: toId }, data: { balance: { increment: amount } } });
      const entry = await tx.ledgerEntry.create({ data: { fromId, toId, amount } });
      return entry;
    });
    return entry;
  }
}
