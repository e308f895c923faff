import rateLimit from "express-rate-limit";
import Redis from "ioredis";
import { RedisStore } from "rate-limit-redis";

const redis = new Redis(process.env.REDIS_URL ?? "redis://localhost:6379");

export const checkoutLimiter = rateLimit({
  windowMs: 60_000,
  limit: 10,
  standardHeaders: "draft-7",
  legacyHeaders: false,
  store: new RedisStore({
    prefix: "rl:checkout:",
    sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<any>,
  }),
});

export const uploadLimiter = rateLimit({
  windowMs: 60 * 60_000,
  limit: 30,
  standardHeaders: "draft-7",
  legacyHeaders: false,
  store: new RedisStore({
    prefix: "rl:upload:",
    sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<any>,
  }),
});
