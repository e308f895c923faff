import { PrismaClient } from '@prisma/client';
import * as E from 'fp-ts/Either';

type PubSub = { publish(topic: string, payload: unknown): void };

// 1. the check depends on a count read before the row; the publish waits for the commit
export class TeamService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly pubsub: PubSub,
  ) {}

  async updateRole(teamID: string, userUid: string, newRole: string) {
    const ownerCount = await this.prisma.teamMember.count({
      where: { teamID, role: 'OWNER' },
    });

    const member = await this.prisma.teamMember.findUnique({ // expect: race-read-check-write
      where: { teamID_userUid: { teamID, userUid } },
    });

    if (!member) return E.left('member not found');
    if (member.role === 'OWNER' && newRole !== 'OWNER' && ownerCount === 1) {
      return E.left('only one owner');
    }

    const updated = await this.prisma.teamMember.update({
      where: { teamID_userUid: { teamID, userUid } },
      data: { role: newRole },
    });

    const payload = { membershipID: updated.id, role: updated.role };
    this.pubsub.publish(`team/${teamID}/member_updated`, payload);

    return E.right(payload);
  }
}

const prisma = new PrismaClient();

// 2. no return before the write: only the read, check and write run in the transaction;
//    the local used afterwards is returned from it and the e-mail stays after it
export async function claimReward(rewardId: string, userId: string, mailer: { sendEmail(to: string): Promise<void> }) {
  const reward = await prisma.reward.findUniqueOrThrow({ where: { id: rewardId } }); // expect: race-read-check-write
  if (reward.claimedBy) throw new Error('claimed');
  const claimed = await prisma.reward.update({ where: { id: rewardId }, data: { claimedBy: userId } });
  await mailer.sendEmail(userId);
  return claimed.id;
}

// 3. a side effect under the guard, inside the region: queued until the transaction resolves
export async function ship(orderId: string, bus: { emit(event: string, id: string): void }) {
  const order = await prisma.order.findUniqueOrThrow({ where: { id: orderId } }); // expect: race-read-check-write
  if (order.status === 'PAID') {
    await prisma.order.update({ where: { id: orderId }, data: { status: 'SHIPPED' } });
    bus.emit('shipped', orderId);
  }
}
