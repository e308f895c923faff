// shipguard-test: no-findings
const port = Number(process.env.PORT ?? 3000);
const level = process.env.LOG_LEVEL ?? 'info';
const redisUrl = process.env.REDIS_URL ?? 'redis://localhost:6379';
const tokenTtl = process.env.TOKEN_TTL || '15m';
const publicKey = process.env.STRIPE_PUBLISHABLE_KEY ?? 'pk_test_local';
const secret = process.env.JWT_SECRET ?? '';
const apiBase = process.env.API_URL || 'https://api.example.com';
const passwordResetTimeout = process.env.PASSWORD_RESET_TIMEOUT ?? '3600';
const other = process.env.JWT_SECRET || computeSecret();

function computeSecret(): string {
  throw new Error('JWT_SECRET is required');
}

export { port, level, redisUrl, tokenTtl, publicKey, secret, apiBase, passwordResetTimeout, other };
