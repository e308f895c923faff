import { PrismaClient } from '@prisma/client';
import { NextResponse } from 'next/server';
import express from 'express';
import prisma from '@/lib/prisma';

const db = new PrismaClient();
const app = express();

// 1. the seed's ticket purchase as a Next.js route handler
export async function POST(req: Request, { params }: { params: { id: string } }) {
  const { quantity } = await req.json();
  return await prisma.$transaction(async (tx) => {
    const event = await tx.event.findUnique({ where: { id: params.id } }); // expect: race-read-check-write
    if (!event || event.sold + quantity > event.capacity) {
      return NextResponse.json({ error: 'sold out' }, { status: 409 });
    }
    await tx.event.update({ where: { id: params.id }, data: { sold: event.sold + quantity } });
    return NextResponse.json({ ok: true });
  }, { isolationLevel: 'Serializable' });
}

// 2. Express, a derived local, write keyed by the row
app.post('/wallets/:id/withdraw', async (req, res) => {
  return await db.$transaction(async (tx) => {
    const wallet = await tx.wallet.findUniqueOrThrow({ where: { id: req.params.id } }); // expect: race-read-check-write
    const remaining = wallet.balance - req.body.amount;
    if (remaining < 0) {
      res.status(400).json({ error: 'insufficient funds' });
      return;
    }
    await tx.wallet.update({ where: { id: wallet.id }, data: { balance: remaining } });
    res.json({ balance: remaining });
  }, { isolationLevel: 'Serializable' });
});

// 3. service class with an injected client: status transition
export class OrderService {
  constructor(private readonly prisma: PrismaClient) {}

  async capture(orderId: string) {
    return await this.prisma.$transaction(async (tx) => {
      const order = await tx.order.findFirst({ where: { id: orderId } }); // expect: race-read-check-write
      if (order?.status !== 'PENDING') throw new Error('already processed');
      return tx.order.update({ where: { id: orderId }, data: { status: 'PAID' } });
    }, { isolationLevel: 'Serializable' });
  }
}

// 4. coupon redemption, a typed parameter client
export async function redeem(client: PrismaClient, code: string) {
  return await client.$transaction(async (tx) => {
    const coupon = await tx.coupon.findUnique({ where: { code } }); // expect: race-read-check-write
    if (!coupon || coupon.uses >= coupon.maxUses) return false;
    await tx.coupon.update({ where: { code }, data: { uses: coupon.uses + 1 } });
    return true;
  }, { isolationLevel: 'Serializable' });
}

// 5. ternary check, updateMany keyed by id
export async function reserveSeat(seatId: string, userId: string) {
  const status = await prisma.$transaction(async (tx) => {
    const seat = await tx.seat.findUniqueOrThrow({ where: { id: seatId } }); // expect: race-read-check-write
    const status = seat.takenBy ? 'taken' : 'free';
    if (status === 'free') {
      await tx.seat.updateMany({ where: { id: seat.id }, data: { takenBy: userId } });
    }
    return status;
  }, { isolationLevel: 'Serializable' });
  return status;
}

// 6. delete after a check
export async function cancelInvite(inviteId: string) {
  await db.$transaction(async (tx) => {
    const invite = await tx.invite.findUnique({ where: { id: inviteId } }); // expect: race-read-check-write
    if (invite && invite.acceptedAt === null) {
      await tx.invite.delete({ where: { id: invite.id } });
    }
  }, { isolationLevel: 'Serializable' });
}

// 7. while loop as the check
export async function drain(queueId: string) {
  await prisma.$transaction(async (tx) => {
    const queue = await tx.queue.findUniqueOrThrow({ where: { id: queueId } }); // expect: race-read-check-write
    while (queue.pending > 0) {
      await tx.queue.update({ where: { id: queueId }, data: { pending: queue.pending - 1 } });
      break;
    }
  }, { isolationLevel: 'Serializable' });
}

// 8. function expression in an object of handlers
export const handlers = {
  claim: async function (rewardId: string, userId: string) {
    await db.$transaction(async (tx) => {
      const reward = await tx.reward.findUnique({ where: { id: rewardId } }); // expect: race-read-check-write
      if (reward?.claimedBy) throw new Error('claimed');
      await tx.reward.update({ where: { id: rewardId }, data: { claimedBy: userId } });
    }, { isolationLevel: 'Serializable' });
  },
};

// 9. read inside a nested block, flag cleared after the check
export async function clearFailure(stripeId?: string) {
  if (stripeId) {
    const account = await prisma.account.findUnique({ where: { stripeId } }); // expect: race-read-check-write
    if (account?.failedAt) {
      await prisma.account.update({ where: { id: account.id }, data: { failedAt: null } });
    }
  }
}

// 10. "if not refunded yet": the guard also protects a second write, which would run twice
export async function onRefund(paymentIntent: string) {
  await prisma.$transaction(async (tx) => {
    const order = await tx.order.findFirst({ where: { paymentIntent } }); // expect: race-read-check-write
    if (order && order.status !== 'REFUNDED') {
      await tx.order.update({ where: { id: order.id }, data: { status: 'REFUNDED' } });
      await tx.event.update({ where: { id: order.eventId }, data: { sold: { decrement: order.quantity } } });
    }
  }, { isolationLevel: 'Serializable' });
}
