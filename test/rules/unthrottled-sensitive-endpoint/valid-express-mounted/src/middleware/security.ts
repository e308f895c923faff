// shipguard-test: no-findings
import rateLimit from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import { createClient } from 'redis';

const client = createClient({ url: process.env.REDIS_URL });
void client.connect();

const store = (prefix: string) => new RedisStore({ prefix, sendCommand: (...args: string[]) => client.sendCommand(args) });

export const authLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 10, store: store('rl:auth:') });
export const apiLimiter = rateLimit({ windowMs: 60 * 1000, limit: 120, store: store('rl:api:') });
