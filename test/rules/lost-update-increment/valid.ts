// shipguard-test: no-findings
import { PrismaClient } from '@prisma/client';
import prisma from '@/lib/prisma';

const db = new PrismaClient();

// 1. atomic increment
export async function view(id: string) {
  await prisma.post.update({ where: { id }, data: { views: { increment: 1 } } });
}

// 2. atomic decrement
export async function buy(id: string, qty: number) {
  await db.product.update({ where: { id }, data: { stock: { decrement: qty } } });
}

// 3. a value that does not depend on the old one
export async function rename(id: string, title: string) {
  await prisma.post.update({ where: { id }, data: { title, views: 0 } });
}

// 4. string concatenation is not a counter
export async function sign(id: string) {
  const post = await prisma.post.findUniqueOrThrow({ where: { id } });
  await prisma.post.update({ where: { id }, data: { title: post.title + ' (edited)' } });
}

// 5. another field's value
export async function copyScore(id: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id } });
  await prisma.user.update({ where: { id }, data: { best: user.score + 0 } });
}

// 6. create data computed from other rows is not an update
export async function clone(id: string) {
  const post = await prisma.post.findUniqueOrThrow({ where: { id } });
  await prisma.post.create({ data: { views: post.views + 1, title: post.title } });
}

// 7. not Prisma: a plain object update
const cache = { update(arg: { data: { hits: number } }) { return arg; } };
export function count(stats: { hits: number }) {
  cache.update({ data: { hits: stats.hits + 1 } });
}

// 8. local object arithmetic
export function total(order: { total: number }, extra: number) {
  return { total: order.total + extra };
}
