/**
 * The explicit, ordered list of project-level readiness checks (see `engine/project.ts`).
 * To add a check: create `checks/<id>.ts` exporting a `ProjectCheck`, import it here and add it
 * to CHECKS.
 */
import type { ProjectCheck } from '../engine/project';
import { databaseBackups } from './database-backups';
import { djangoDeploySettings } from './django-deploy-settings';
import { errorTracking } from './error-tracking';
import { frontendApiPaths } from './frontend-api-paths';
import { globalRateLimit } from './global-rate-limit';
import { healthEndpoint } from './health-endpoint';
import { requestId } from './request-id';

export const CHECKS: readonly ProjectCheck[] = [
  frontendApiPaths,
  healthEndpoint,
  errorTracking,
  requestId,
  globalRateLimit,
  databaseBackups,
  djangoDeploySettings,
];
