import { PrismaClient } from '@prisma/client';
import { Request, Response } from 'express';

const prisma = new PrismaClient();

export async function listTeams(req: Request, res: Response) {
  const teams = await prisma.$queryRaw`SELECT id, name FROM "Team" WHERE "ownerId" = ${req.params.userId}`; // expect: sql-string-format
  res.json(teams);
}

export async function purge(req: Request, res: Response) {
  await prisma.$executeRaw`DELETE FROM "Invite" WHERE email = ${req.body.email}`; // expect: sql-string-format
  res.sendStatus(204);
}
