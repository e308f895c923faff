const express = require("express");
const { prisma } = require("./prisma");
const { sendMail } = require("./mailer");

const app = express();

app.post("/invitations/:id/resend", async (req, res) => { // expect: multi-write-without-transaction
  const afterCommit = [];
  await prisma.$transaction(async (tx) => {
    const invitation = await tx.invitation.update({ where: { id: req.params.id }, data: { status: "sending" } });
    afterCommit.push(() => sendMail({ to: invitation.email, subject: "You are invited" }));
    await tx.invitation.update({ where: { id: invitation.id }, data: { status: "sent", sentCount: { increment: 1 } } });
  });
  for (const run of afterCommit) await run();
  res.json({ ok: true });
});
