import cors from "cors";
import express, { type NextFunction, type Request, type Response } from "express";
import { logger } from "./lib/logger";
import { prisma } from "./lib/prisma";
import { adminRouter } from "./routes/admin";
import { authRouter } from "./routes/auth";
import { checkoutRouter } from "./routes/checkout";
import { connectWebhooksRouter } from "./routes/connectWebhooks";
import { mediaRouter } from "./routes/media";
import { promoRouter } from "./routes/promo";
import { reportsRouter } from "./routes/reports";
import { ticketsRouter } from "./routes/tickets";
import { webhooksRouter } from "./routes/webhooks";

const app = express();

app.disable("x-powered-by");
app.use(cors());

// Stripe webhooks parse their own bodies (the billing one needs the raw bytes).
app.use("/webhooks", webhooksRouter);

app.use(express.json({ limit: "1mb" }));
app.use(connectWebhooksRouter);
app.use("/api", authRouter, ticketsRouter, checkoutRouter, promoRouter, mediaRouter, reportsRouter, adminRouter);

app.get("/healthz", async (_req, res) => {
  try {
    await prisma.$queryRaw`SELECT 1`;
    res.json({ status: "ok" });
  } catch {
    res.status(503).json({ status: "degraded" });
  }
});

app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
  logger.error({ err }, "unhandled error");
  res.status(500).json({ error: "Internal server error" });
});

const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => logger.info(`store API listening on :${port}`));
