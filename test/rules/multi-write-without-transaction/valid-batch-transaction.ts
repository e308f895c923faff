// shipguard-test: no-findings
import { prisma } from "@/lib/prisma";

export async function POST(request: Request) {
  const { fromId, toId, amount } = await request.json();
  await prisma.$transaction([
    prisma.account.update({ where: { id: fromId }, data: { balance: { decrement: amount } } }),
    prisma.account.update({ where: { id: toId }, data: { balance: { increment: amount } } }),
  ]);
  return Response.json({ ok: true });
}
