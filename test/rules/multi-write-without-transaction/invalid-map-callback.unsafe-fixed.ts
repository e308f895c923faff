import type { NextApiRequest, NextApiResponse } from "next";
import { prisma } from "../../lib/prisma";

export default async function handler(req: NextApiRequest, res: NextApiResponse) { // expect: multi-write-without-transaction
  const { tags } = req.body as { tags: string[] };
  const post = await prisma.$transaction(async (tx) => {
    const post = await tx.post.update({ where: { id: String(req.query.id) }, data: { updatedAt: new Date() } });
    await Promise.all(tags.map((name) => tx.tag.upsert({ where: { name }, create: { name }, update: {} })));
    return post;
  });
  res.json(post);
}
