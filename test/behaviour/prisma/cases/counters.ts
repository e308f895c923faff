// A view counter computed in JavaScript.
import { PrismaClient } from '@prisma/client';

export class PostService {
  constructor(private readonly db: PrismaClient) {}

  async view(slug: string): Promise<number> {
    const post = await this.db.post.findUnique({ where: { slug } });
    if (!post) return 0;
    const updated = await this.db.post.update({ where: { id: post.id }, data: { views: post.views + 1 } });
    return updated.views;
  }
}
