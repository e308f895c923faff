// shipguard-test: no-findings
import { PrismaClient } from '@prisma/client';
import prisma from '@/lib/prisma';

const db = new PrismaClient();

// 1. interactive transaction
export async function buy(id: string, quantity: number) {
  await prisma.$transaction(async (tx) => {
    const event = await tx.event.findUniqueOrThrow({ where: { id } });
    if (event.sold + quantity > event.capacity) throw new Error('sold out');
    await tx.event.update({ where: { id }, data: { sold: event.sold + quantity } });
  }, { isolationLevel: 'Serializable' });
}

// 2. conditional update: the database re-checks the stock
export async function sell(id: string, qty: number) {
  const product = await db.product.findUniqueOrThrow({ where: { id } });
  if (!product.active) throw new Error('inactive');
  const res = await db.product.updateMany({ where: { id, stock: { gte: qty } }, data: { stock: { decrement: qty } } });
  return res.count === 1;
}

// 3. atomic increment
export async function like(id: string) {
  const post = await prisma.post.findUniqueOrThrow({ where: { id } });
  if (post.published) {
    await prisma.post.update({ where: { id }, data: { likes: { increment: 1 } } });
  }
}

// 4. read then write without a check
export async function touch(id: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id } });
  await prisma.user.update({ where: { id: user.id }, data: { seenAt: new Date() } });
}

// 5. ownership check only
export async function rename(id: string, userId: string, title: string) {
  const doc = await prisma.document.findUniqueOrThrow({ where: { id } });
  if (doc.ownerId !== userId) throw new Error('forbidden');
  await prisma.document.update({ where: { id }, data: { title } });
}

// 6. a different model is written
export async function notify(id: string) {
  const order = await prisma.order.findUniqueOrThrow({ where: { id } });
  if (order.status === 'PAID') {
    await prisma.notification.update({ where: { id: order.notificationId }, data: { sent: true } });
  }
}

// 7. read and check, no write
export async function canBuy(id: string, qty: number) {
  const event = await prisma.event.findUniqueOrThrow({ where: { id } });
  if (event.sold + qty > event.capacity) return false;
  return true;
}

// 8. not Prisma
const store = { item: { findUnique: async (_: unknown) => ({ n: 1 }), update: async (_: unknown) => undefined } };
export async function local(id: string) {
  const row = await store.item.findUnique({ where: { id } });
  if (row.n > 0) await store.item.update({ where: { id }, data: { n: row.n - 1 } });
}

// 9. a guard on one field, a write of unrelated fields with values from the request
export async function editListing(programId: string, description?: string, tags?: string[]) {
  const program = await prisma.program.findUnique({ where: { id: programId } });
  if (!program || !program.publishedAt) throw new Error('not listed');
  await prisma.program.update({
    where: { id: programId },
    data: {
      ...(description !== undefined && { description }),
      ...(tags && { tags: { set: tags } }),
    },
  });
}

// 10. "set if different": every concurrent writer ends with the same value
export async function syncEmail(customerId: string, email: string) {
  const account = await db.account.findFirst({ where: { stripeCustomerId: customerId } });
  if (!account) return;
  if (account.billingEmail !== email) {
    await db.account.update({ where: { id: account.id }, data: { billingEmail: email } });
  }
}

// 11. the check looks at related data, the write takes the caller's values
export async function refreshStats(partnerId: string, stats: { followers: number }) {
  const platform = await prisma.platform.findUnique({ where: { partnerId } });
  if (!platform || !platform.account.handle) return;
  await prisma.platform.update({ where: { partnerId }, data: { ...stats } });
}

// 12. the check looks at an included relation before deleting the row
export async function removeTemplate(id: string) {
  const template = await prisma.template.findUnique({ where: { id }, include: { group: true } });
  if (!template) throw new Error('not found');
  if (template.group) throw new Error('in use by a group');
  await prisma.template.delete({ where: { id: template.id } });
}

// 13. the name is declared again by a loop: the checks and writes are on other rows
export async function retireFree(stripeId: string, ownerId: string) {
  const workspace = await prisma.project.findUnique({ where: { stripeId } });
  if (workspace) return 'exists';
  const owned = await prisma.project.findMany({ where: { ownerId } });
  for (const workspace of owned) {
    if (workspace.plan !== 'free') continue;
    await prisma.project.update({ where: { id: workspace.id }, data: { plan: 'retired' } });
  }
}

// 14. a public read path that deletes an orphan: the delete reacts to another lookup, not to the row's state
export async function publicDoc(slug: string, collections: { export(id: string): Promise<{ missing: boolean }> }) {
  const doc = await prisma.publishedDoc.findUnique({ where: { slug } });
  if (!doc) return null;
  if (doc.autoSync) {
    const collection = await collections.export(doc.collectionID);
    const isMissing = collection.missing;
    if (isMissing) {
      await prisma.publishedDoc.delete({ where: { id: doc.id } });
    }
    return null;
  }
  return doc;
}
