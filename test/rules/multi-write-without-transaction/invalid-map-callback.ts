import type { NextApiRequest, NextApiResponse } from "next";
import { prisma } from "../../lib/prisma";

export default async function handler(req: NextApiRequest, res: NextApiResponse) { // expect: multi-write-without-transaction
  const { tags } = req.body as { tags: string[] };
  const post = await prisma.post.update({ where: { id: String(req.query.id) }, data: { updatedAt: new Date() } });
  await Promise.all(tags.map((name) => prisma.tag.upsert({ where: { name }, create: { name }, update: {} })));
  res.json(post);
}
