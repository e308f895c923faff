/**
 * race-read-check-write (Prisma): when the fix moves code into `$transaction`, the module's unit
 * tests that mock Prisma with jest-mock-extended get the mock's `$transaction` run the callback
 * (one edit of the spec file, in the same fix), and a suite that already stubs it is left alone.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixText, ready } from '../harness';
import { applyEdits } from '../../server/src/text/edits';

const SERVICE = `import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class TeamService {
  constructor(private readonly prisma: PrismaService, private readonly pubsub: { publish(topic: string, data: unknown): void }) {}

  async updateRole(teamID: string, userUid: string, newRole: string) {
    const ownerCount = await this.prisma.teamMember.count({ where: { teamID, role: 'OWNER' } });
    const member = await this.prisma.teamMember.findUnique({ where: { teamID_userUid: { teamID, userUid } } });
    if (!member) return null;
    if (member.role === 'OWNER' && newRole !== 'OWNER' && ownerCount === 1) return null;
    return this.prisma.teamMember.update({ where: { teamID_userUid: { teamID, userUid } }, data: { role: newRole } });
  }
}
`;

const SPEC = `import { mockDeep, mockReset } from 'jest-mock-extended';
import { TeamService } from './team.service';
import { PrismaService } from '../prisma/prisma.service';

const mockPrisma = mockDeep<PrismaService>();
const teamService = new TeamService(mockPrisma as any, { publish: jest.fn() });

beforeEach(async () => {
  mockReset(mockPrisma);
});

it('refuses to demote the last owner', async () => {
  mockPrisma.teamMember.count.mockResolvedValue(1);
});
`;

describe('race-read-check-write: the Prisma mock of the unit tests', () => {
  before(ready);

  function project(spec: string): { dir: string; service: string; spec: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-spec-'));
    fs.mkdirSync(path.join(dir, 'team'));
    fs.writeFileSync(path.join(dir, 'team', 'team.service.ts'), SERVICE);
    fs.writeFileSync(path.join(dir, 'team', 'team.service.spec.ts'), spec);
    return { dir, service: path.join(dir, 'team', 'team.service.ts'), spec: path.join(dir, 'team', 'team.service.spec.ts') };
  }

  it('stubs $transaction in the suite that mocks Prisma, in the same fix', () => {
    const p = project(SPEC);
    const out = fixText(p.service, SERVICE, { only: ['race-read-check-write'], unsafe: true });
    assert.match(out.text, /\$transaction\(async \(tx\) =>/);
    const specEdits = out.otherFiles.find((f) => f.path === p.spec);
    assert.ok(specEdits, 'the spec file is edited');
    assert.equal(
      applyEdits(SPEC, specEdits!.edits),
      SPEC.replace('  mockReset(mockPrisma);\n', '  mockReset(mockPrisma);\n  mockPrisma.$transaction.mockImplementation(async (fn) => fn(mockPrisma));\n'),
    );
  });

  it('leaves a suite that already stubs $transaction alone', () => {
    const stubbed = SPEC.replace('  mockReset(mockPrisma);\n', '  mockReset(mockPrisma);\n  mockPrisma.$transaction.mockImplementation(async (fn) => fn(mockPrisma));\n');
    const p = project(stubbed);
    const out = fixText(p.service, SERVICE, { only: ['race-read-check-write'], unsafe: true });
    assert.match(out.text, /\$transaction/);
    assert.equal(out.otherFiles.length, 0);
  });
});
