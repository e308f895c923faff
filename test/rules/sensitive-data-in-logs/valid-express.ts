// shipguard-test: no-findings
import express, { type Request, type Response } from 'express';
import pinoHttp from 'pino-http';
import winston from 'winston';

const app = express();
app.use(express.json());
app.use(pinoHttp({ redact: ['req.headers.authorization', 'req.headers.cookie'] }));

const log = winston.createLogger({ level: 'info', transports: [new winston.transports.Console()] });

function maskEmail(email: string): string {
  const [name, domain] = email.split('@');
  return `${name.slice(0, 1)}***@${domain}`;
}

app.post('/api/auth/login', async (req: Request, res: Response) => {
  const { email, password } = req.body as { email: string; password: string };
  log.info(`login attempt for ${maskEmail(email)} from ${req.ip}`);
  req.log.info({ path: req.path, fields: Object.keys(req.body), hasPassword: Boolean(password) }, 'login');
  res.json({ ok: true });
});

app.post('/api/auth/refresh', (req: Request, res: Response) => {
  const refreshToken = String(req.headers['x-refresh-token'] ?? '');
  log.info('refresh', { tokenLength: refreshToken.length, headerNames: Object.keys(req.headers) });
  console.info(`refresh on ${req.originalUrl}, token present: ${refreshToken !== ''}`);
  res.json({ expiresIn: 3600 });
});

app.post('/api/keys', (req: Request, res: Response) => {
  const apiKey = { id: 'key_1', name: String(req.body.name), prefix: 'sk_live_1a2b' };
  log.info(`api key ${apiKey.id} (${apiKey.name}) created, prefix ${apiKey.prefix}`);
  res.status(201).json({ id: apiKey.id });
});

export async function sendResetEmail(userId: string, tokens: string[]) {
  log.info(`sent ${tokens.length} reset emails for user ${userId}`);
  console.log('reset token count', tokens.length);
}

export default app;
