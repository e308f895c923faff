import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function view(slug: string) {
  const post = await prisma.post.findUniqueOrThrow({ where: { slug } });
  await prisma.post.update({
    where: { id: post.id },
    data: {
      views: { increment: 1 },
      stock: { decrement: 2 },
      title: post.title,
    },
  });
}
