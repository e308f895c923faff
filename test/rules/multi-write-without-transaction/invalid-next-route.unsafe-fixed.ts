import { NextResponse } from "next/server";
import prisma from "@/lib/prisma";

export async function POST(request: Request) { // expect: multi-write-without-transaction
  const { email, name } = await request.json();
  const { user, workspace } = await prisma.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email, name } });
    const workspace = await tx.workspace.create({ data: { name: `${name}'s workspace`, ownerId: user.id } });
    return { user, workspace };
  });
  return NextResponse.json({ user, workspace }, { status: 201 });
}
