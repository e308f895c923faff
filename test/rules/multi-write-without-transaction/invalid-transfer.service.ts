import { PrismaClient } from "@prisma/client";

export class TransferService {
  constructor(private readonly prisma: PrismaClient) {}

  async transfer(fromId: string, toId: string, amount: number) { // expect: multi-write-without-transaction
    await this.prisma.account.update({ where: { id: fromId }, data: { balance: { decrement: amount } } });
    await this.prisma.account.update({ where: { id: toId }, data: { balance: { increment: amount } } });
    const entry = await this.prisma.ledgerEntry.create({ data: { fromId, toId, amount } });
    return entry;
  }
}
