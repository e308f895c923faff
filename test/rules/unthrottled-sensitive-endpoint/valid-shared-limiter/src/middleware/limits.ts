import rateLimit, { type Options } from 'express-rate-limit';

export const strict = (opts: Partial<Options> = {}) => rateLimit({ windowMs: 15 * 60 * 1000, limit: 5, ...opts });
export const authGuard = strict();
