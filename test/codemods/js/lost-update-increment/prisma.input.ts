import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function view(slug: string) {
  const post = await prisma.post.findUniqueOrThrow({ where: { slug } });
  await prisma.post.update({
    where: { id: post.id },
    data: {
      views: post.views + 1,
      stock: post.stock - 2,
      title: post.title,
    },
  });
}
