const { PrismaClient } = require('@prisma/client');
const db = new PrismaClient();

async function like(id) {
  await db.post.update({ where: { id }, data: { likes: { increment: 1 } } });
  await db.post.create({ data: { likes: 0 + 1 } });
}
module.exports = { like };
