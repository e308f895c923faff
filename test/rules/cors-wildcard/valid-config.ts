// shipguard-test: no-findings
import cors from 'cors';
import type { Router } from 'express';
import { parseCorsOrigins } from './utils';

export function applyCors(router: Router, route: string, adminCors: string): void {
  router.use(route, cors({ origin: parseCorsOrigins(adminCors), credentials: true }));
}
