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
    const afterCommit: Array<() => unknown> = [];
    const result = await this.prisma.$transaction(async (tx) => {
      const ownerCount = await tx.teamMember.count({
        where: { teamID, role: 'OWNER' },
      });

      const member = await tx.teamMember.findUnique({ // expect: race-read-check-write
        where: { teamID_userUid: { teamID, userUid } },
      });

      if (!member) return E.left('member not found');
      if (member.role === 'OWNER' && newRole !== 'OWNER' && ownerCount === 1) {
        return E.left('only one owner');
      }

      const updated = await tx.teamMember.update({
        where: { teamID_userUid: { teamID, userUid } },
        data: { role: newRole },
      });

      const payload = { membershipID: updated.id, role: updated.role };
      afterCommit.push(() => this.pubsub.publish(`team/${teamID}/member_updated`, payload));

      return E.right(payload);
    }, { isolationLevel: 'Serializable' });
    for (const run of afterCommit) run();
    return result;
  }
}

const prisma = new PrismaClient();

// 2. no return before the write: only the read, check and write run in the transaction;
//    the local used afterwards is returned from it and the e-mail stays after it
export async function claimReward(rewardId: string, userId: string, mailer: { sendEmail(to: string): Promise<void> }) {
  const claimed = await prisma.$transaction(async (tx) => {
    const reward = await tx.reward.findUniqueOrThrow({ where: { id: rewardId } }); // expect: race-read-check-write
    if (reward.claimedBy) throw new Error('claimed');
    const claimed = await tx.reward.update({ where: { id: rewardId }, data: { claimedBy: userId } });
    return claimed;
  }, { isolationLevel: 'Serializable' });
  await mailer.sendEmail(userId);
  return claimed.id;
}

// 3. a side effect under the guard, inside the region: queued until the transaction resolves
export async function ship(orderId: string, bus: { emit(event: string, id: string): void }) {
  const afterCommit: Array<() => unknown> = [];
  await prisma.$transaction(async (tx) => {
    const order = await tx.order.findUniqueOrThrow({ where: { id: orderId } }); // expect: race-read-check-write
    if (order.status === 'PAID') {
      await tx.order.update({ where: { id: orderId }, data: { status: 'SHIPPED' } });
      afterCommit.push(() => bus.emit('shipped', orderId));
    }
  }, { isolationLevel: 'Serializable' });
  for (const run of afterCommit) run();
}
