import * as expressSession from 'express-session';
import type { Express } from 'express';

export function installSessions(app: Express, secret: string): void {
  app.set('trust proxy', 1);
  const sessions = expressSession({ secret, resave: false, saveUninitialized: false, cookie: { secure: process.env.NODE_ENV === 'production', sameSite: 'lax' } }); // expect: insecure-session-cookie
  app.use(sessions);
}
