import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Router } from "express";
import { prisma } from "../lib/prisma";

const s3 = new S3Client({});
export const docsRouter = Router();

docsRouter.post("/documents", async (req, res) => { // expect: multi-write-without-transaction
  const doc = await prisma.document.create({ data: { name: req.body.name, ownerId: req.user.id } });
  await s3.send(new PutObjectCommand({ Bucket: "docs", Key: doc.id, Body: req.body.content }));
  await prisma.auditLog.create({ data: { action: "document.created", targetId: doc.id } });
  res.status(201).json(doc);
});
