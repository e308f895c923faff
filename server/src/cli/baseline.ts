/**
 * Baselines: the fingerprints of the findings a legacy codebase already has,
 * so CI fails only on new ones. A fingerprint is rule id + normalised
 * statement text + occurrence index (workspace.ts), so it survives code
 * moving up or down; paths are stored relative to the workspace root so the
 * file works from any working directory.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileReport, ReportedFinding } from '../engine/report';
import { toPosix } from '../engine/discovery';

export const BASELINE_VERSION = 1;
export const DEFAULT_BASELINE = '.shipguard-baseline.json';

export interface BaselineEntry {
  path: string;
  rule: string;
  fingerprint: string;
  /** For people reading the file; not used for matching. */
  line?: number;
  message?: string;
}

export interface BaselineFile {
  tool: 'shipguard';
  version: number;
  findings: BaselineEntry[];
}

export function makeBaseline(reports: readonly FileReport[], root: string): BaselineFile {
  const findings: BaselineEntry[] = [];
  for (const r of reports) {
    const rel = toPosix(path.relative(root, r.path));
    for (const f of r.findings) findings.push({ path: rel, rule: f.ruleId, fingerprint: f.fingerprint, line: f.line, message: f.message });
  }
  findings.sort((a, b) => a.path.localeCompare(b.path) || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule));
  return { tool: 'shipguard', version: BASELINE_VERSION, findings };
}

/** Reads a baseline; throws an Error with a readable message when it is not one. */
export function readBaseline(file: string): BaselineFile {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `baseline ${file} does not exist (create it with \`shipguard baseline\`)` : `baseline ${file} is not valid JSON: ${(e as Error).message}`);
  }
  const b = data as Partial<BaselineFile>;
  if (!b || b.tool !== 'shipguard' || !Array.isArray(b.findings)) throw new Error(`${file} is not a shipguard baseline`);
  if (b.version !== BASELINE_VERSION) throw new Error(`baseline ${file} has version ${b.version}; this shipguard reads version ${BASELINE_VERSION}: re-create it`);
  return b as BaselineFile;
}

/**
 * Removes baselined findings from the reports (in place); returns them per
 * file path (SARIF reports them as suppressed, with baselineState "unchanged").
 */
export function applyBaseline(reports: FileReport[], baseline: BaselineFile, root: string): Map<string, ReportedFinding[]> {
  const known = new Set(baseline.findings.map((e) => `${e.path}\0${e.rule}\0${e.fingerprint}`));
  const removed = new Map<string, ReportedFinding[]>();
  for (const r of reports) {
    if (!r.findings.length) continue;
    const rel = toPosix(path.relative(root, r.path));
    const kept: ReportedFinding[] = [];
    const gone: ReportedFinding[] = [];
    for (const f of r.findings) (known.has(`${rel}\0${f.ruleId}\0${f.fingerprint}`) ? gone : kept).push(f);
    if (gone.length) removed.set(r.path, gone);
    r.findings = kept;
  }
  return removed;
}
