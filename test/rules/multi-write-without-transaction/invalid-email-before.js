const express = require("express");
const { prisma } = require("./prisma");
const { sendMail } = require("./mailer");

const app = express();

app.post("/invitations/:id/resend", async (req, res) => { // expect: multi-write-without-transaction
  const invitation = await prisma.invitation.update({ where: { id: req.params.id }, data: { status: "sending" } });
  await sendMail({ to: invitation.email, subject: "You are invited" });
  await prisma.invitation.update({ where: { id: invitation.id }, data: { status: "sent", sentCount: { increment: 1 } } });
  res.json({ ok: true });
});
