/**
 * The explicit, ordered list of project-level readiness checks (see `engine/project.ts`).
 * To add a check: create `checks/<id>.ts` exporting a `ProjectCheck`, import it here and add it
 * to CHECKS.
 */
import type { ProjectCheck } from '../engine/project';

export const CHECKS: readonly ProjectCheck[] = [];
