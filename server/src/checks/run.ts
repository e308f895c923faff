/**
 * Runs project-level checks one by one, each isolated: a check that throws is reported as an
 * error entry of its own, and the others still run.
 */
import type { ProjectCheck, ProjectContext, ProjectFinding } from '../engine/project';
import { initPython } from '../lang/python/parser';

export interface CheckResult {
  check: string;
  findings: ProjectFinding[];
  /** the message of the exception the check threw, when it did */
  error?: string;
  ms: number;
}

export async function runProjectChecks(ctx: ProjectContext, checks: readonly ProjectCheck[]): Promise<CheckResult[]> {
  // the Django and endpoint readers parse Python
  await initPython();
  const out: CheckResult[] = [];
  for (const c of checks) {
    const t0 = performance.now();
    try {
      const findings = c.run(ctx);
      out.push({ check: c.id, findings, ms: performance.now() - t0 });
    } catch (e) {
      out.push({ check: c.id, findings: [], error: e instanceof Error ? e.message : String(e), ms: performance.now() - t0 });
    }
  }
  return out;
}
