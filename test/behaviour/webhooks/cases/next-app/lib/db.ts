/**
 * An in-memory stand-in for the app's PrismaClient (prisma generate needs a network download of
 * its engines): the two models of prisma/schema.prisma, with the unique constraint on
 * ProcessedEvent.eventId answered the way Prisma answers it (an error with code "P2002").
 */
type Account = { customerId: string; credits: number };

const accounts = new Map<string, Account>();
const processed = new Set<string>();

class UniqueConstraintError extends Error {
  code = "P2002";
}

const tick = () => new Promise((r) => setTimeout(r, 5)); // a database round trip

export const db = {
  account: {
    async create({ data }: { data: { customerId: string } }) {
      await tick();
      const row = { customerId: data.customerId, credits: 0 };
      accounts.set(data.customerId, row);
      return row;
    },
    async findUnique({ where }: { where: { customerId: string } }) {
      await tick();
      return accounts.get(where.customerId) ?? null;
    },
    async update({ where, data }: { where: { customerId: string }; data: { credits: { increment: number } } }) {
      await tick();
      const row = accounts.get(where.customerId);
      if (!row) throw Object.assign(new Error("not found"), { code: "P2025" });
      row.credits += data.credits.increment;
      return row;
    },
  },
  processedEvent: {
    async create({ data }: { data: { eventId: string } }) {
      await tick();
      if (processed.has(data.eventId)) throw new UniqueConstraintError("Unique constraint failed on the fields: (`eventId`)");
      processed.add(data.eventId);
      return { eventId: data.eventId };
    },
    async count() {
      return processed.size;
    },
  },
};
