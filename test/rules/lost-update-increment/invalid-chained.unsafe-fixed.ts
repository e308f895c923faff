import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

// the call chained over lines, as formatters print a long chain
export async function restock(productId: string, qty: number) {
  const product = await prisma.product.findUniqueOrThrow({ where: { id: productId } });
  return prisma.product
    .update({ where: { id: productId }, data: { stock: { increment: qty } } }) // expect: lost-update-increment
    .then((p) => p.stock);
}
