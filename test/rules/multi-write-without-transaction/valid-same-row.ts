// shipguard-test: no-findings
import { Router } from "express";
import { prisma } from "../lib/prisma";

export const draftsRouter = Router();

draftsRouter.post("/drafts", async (req, res) => {
  const draft = await prisma.draft.create({ data: { title: req.body.title } });
  await prisma.draft.update({ where: { id: draft.id }, data: { slug: `draft-${draft.id}` } });
  res.status(201).json(draft);
});
