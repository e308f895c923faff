import { Router } from "express";
import { prisma } from "../lib/prisma";

export const teamsRouter = Router();

teamsRouter.delete("/teams/:id", async (req, res) => { // expect: multi-write-without-transaction
  const team = await prisma.team.findUnique({ where: { id: req.params.id } });
  if (!team) return res.status(404).end();
  await prisma.membership.deleteMany({ where: { teamId: team.id } });
  if (team.ownerId !== req.user.id) {
    return res.status(403).end();
  }
  await prisma.team.delete({ where: { id: team.id } });
  res.status(204).end();
});
