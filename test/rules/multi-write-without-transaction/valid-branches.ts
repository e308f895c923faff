// shipguard-test: no-findings
import { Router } from "express";
import { prisma } from "../lib/prisma";

export const subsRouter = Router();

subsRouter.put("/subscriptions/:id", async (req, res) => {
  if (req.body.cancel) {
    await prisma.subscription.delete({ where: { id: req.params.id } });
  } else {
    await prisma.subscription.update({ where: { id: req.params.id }, data: { plan: req.body.plan } });
  }
  res.status(204).end();
});
