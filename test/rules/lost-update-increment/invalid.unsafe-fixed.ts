import { PrismaClient, type Prisma } from '@prisma/client';
import { NextResponse } from 'next/server';
import express from 'express';
import prisma from '@/lib/prisma';

const db = new PrismaClient();
const app = express();

// 1. Next.js route handler: view counter
export async function POST(req: Request, { params }: { params: { slug: string } }) {
  const post = await prisma.post.findUnique({ where: { slug: params.slug } });
  if (!post) return NextResponse.json({ error: 'not found' }, { status: 404 });
  await prisma.post.update({
    where: { id: post.id },
    data: { views: { increment: 1 } }, // expect: lost-update-increment
  });
  return NextResponse.json({ ok: true });
}

// 2. Express handler on a named client, decrement
app.post('/products/:id/buy', async (req, res) => {
  const product = await db.product.findUniqueOrThrow({ where: { id: req.params.id } });
  await db.product.update({ where: { id: product.id }, data: { stock: { decrement: req.body.qty } } }); // expect: lost-update-increment
  res.json({ ok: true });
});

// 3. service class with an injected client
export class WalletService {
  constructor(private readonly prisma: PrismaClient) {}

  async credit(walletId: string, amount: number) {
    const wallet = await this.prisma.wallet.findUnique({ where: { id: walletId } });
    return this.prisma.wallet.update({
      where: { id: walletId },
      data: {
        balance: { increment: amount }, // expect: lost-update-increment
        updatedAt: new Date(),
      },
    });
  }
}

// 4. amount first
export async function addPoints(userId: string, points: number) {
  const user = await prisma.user.findFirst({ where: { id: userId } });
  await prisma.user.update({ where: { id: userId }, data: { points: { increment: points } } }); // expect: lost-update-increment
}

// 5. upsert update branch
export async function bumpDaily(day: string) {
  const stat = await db.dailyStat.findUnique({ where: { day } });
  await db.dailyStat.upsert({
    where: { day },
    create: { day, hits: 1 },
    update: { hits: { increment: 1 } }, // expect: lost-update-increment
  });
}

// 6. updateMany
export async function settle(accountId: string, fee: number) {
  const account = await db.account.findUnique({ where: { id: accountId } });
  await db.account.updateMany({ where: { id: accountId }, data: { credits: { decrement: fee } } }); // expect: lost-update-increment
}

// 7. inside a transaction without a lock: READ COMMITTED still loses updates
export async function like(postId: string) {
  await prisma.$transaction(async (tx) => {
    const post = await tx.post.findUniqueOrThrow({ where: { id: postId } });
    await tx.post.update({ where: { id: postId }, data: { likes: { increment: 1 } } }); // expect: lost-update-increment
  });
}

// 8. a typed parameter client
export async function redeem(client: PrismaClient, couponId: string) {
  const coupon = await client.coupon.findUniqueOrThrow({ where: { id: couponId } });
  await client.coupon.update({ where: { id: couponId }, data: { 'uses': { increment: 1 } } }); // expect: lost-update-increment
}
