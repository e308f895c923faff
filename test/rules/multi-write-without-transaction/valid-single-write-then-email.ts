// shipguard-test: no-findings
import { Router } from "express";
import { prisma } from "../lib/prisma";
import { sendEmail } from "../lib/mail";

export const ticketsRouter = Router();

ticketsRouter.post("/tickets", async (req, res) => {
  const ticket = await prisma.ticket.create({ data: { subject: req.body.subject, authorId: req.user.id } });
  await sendEmail({ to: req.user.email, subject: `Ticket ${ticket.id} opened` });
  res.status(201).json(ticket);
});
