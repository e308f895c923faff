// shipguard-test: no-findings
import session from 'express-session';
import type { Express } from 'express';
import type { HttpConfig } from './config';

// the options come from the project's config module, where secure/sameSite are decided
export function loadSessions(app: Express, http: HttpConfig): void {
  app.use(session(http.sessionOptions));
}
