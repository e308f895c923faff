import bcrypt from "bcryptjs";
import { Router } from "express";
import jwt from "jsonwebtoken";
import { z } from "zod";
import { logger } from "../lib/logger";
import { prisma } from "../lib/prisma";
import { stripe } from "../lib/stripe";

export const authRouter = Router();

const JWT_SECRET = process.env.JWT_SECRET || "dev-secret";

const credentials = z.object({
  email: z.string().email().toLowerCase(),
  password: z.string().min(8),
});

authRouter.post("/auth/login", async (req, res) => {
  const { email, password } = credentials.parse(req.body);
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user || !(await bcrypt.compare(password, user.passwordHash))) {
    return res.status(401).json({ error: "Invalid email or password" });
  }
  const token = jwt.sign({ sub: user.id, email: user.email, role: user.role }, JWT_SECRET, { expiresIn: "1h" });
  res.json({ token });
});

authRouter.post("/auth/register", async (req, res) => {
  logger.info({ body: req.body }, "registration attempt");
  const { email, password } = credentials.parse(req.body);
  const taken = await prisma.user.findFirst({ where: { email } });
  if (taken) {
    return res.status(409).json({ error: "An account with this email already exists" });
  }
  const user = await prisma.user.create({
    data: { email, passwordHash: await bcrypt.hash(password, 12) },
  });
  await stripe.customers.create({ email, metadata: { userId: user.id } });
  const token = jwt.sign({ sub: user.id, email, role: user.role }, JWT_SECRET, { expiresIn: "1h" });
  res.status(201).json({ token });
});
