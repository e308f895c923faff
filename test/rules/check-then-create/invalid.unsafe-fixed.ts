import { PrismaClient } from '@prisma/client';
import { NextResponse } from 'next/server';
import express from 'express';
import { prisma } from '../lib/prisma';

const db = new PrismaClient();
const router = express.Router();

// 1. the canonical shape: findUnique, !existing, create
export async function vote(userId: string, pollId: string, choice: string) {
  await prisma.vote.upsert({ where: { userId_pollId: { userId, pollId } }, update: {}, create: { userId, pollId, choice } });
}

// 2. Next.js route handler guard clause
export async function POST(req: Request) {
  const { email } = await req.json();
  const user = await db.user.findFirst({ where: { email } }); // expect: check-then-create
  if (user) {
    return NextResponse.json({ error: 'exists' }, { status: 409 });
  }
  const created = await db.user.create({ data: { email, name: email.split('@')[0] } });
  return NextResponse.json(created, { status: 201 });
}

// 3. Express: === null
router.post('/follow/:id', async (req, res) => {
  await db.follow.upsert({ where: { followerId_targetId: { followerId: req.user.id, targetId: req.params.id } }, update: {}, create: { followerId: req.user.id, targetId: req.params.id } });
  res.sendStatus(204);
});

// 4. inline await in the condition
export async function ensureProfile(userId: string) {
  if (!(await prisma.profile.findUnique({ where: { userId } }))) { // expect: check-then-create
    await prisma.profile.create({ data: { userId, bio: '' } });
  }
}

// 5. count() === 0
export async function subscribe(userId: string, plan: string) {
  if ((await prisma.subscription.count({ where: { userId } })) === 0) { // expect: check-then-create
    await prisma.subscription.create({ data: { userId, plan } });
  }
}

// 6. a service class with an injected client, throw guard
export class AudioService {
  constructor(private readonly prisma: PrismaClient) {}

  async generate(pageId: string, voice: string) {
    const existing = await this.prisma.audio.findFirst({ where: { pageId, voice } }); // expect: check-then-create
    if (existing) throw new Error('audio already exists');
    return this.prisma.audio.create({ data: { pageId, voice, status: 'PENDING' } });
  }
}

// 7. data spread from the request
export async function register(body: { email: string; name: string }) {
  await prisma.user.upsert({ where: { email: body.email }, update: {}, create: { ...body } });
}

// 8. relation connect covers the foreign key
export async function bookmark(userId: string, postId: string) {
  const found = await db.bookmark.findFirst({ where: { userId, postId } }); // expect: check-then-create
  if (found == null) {
    await db.bookmark.create({ data: { user: { connect: { id: userId } }, post: { connect: { id: postId } } } });
  }
}
