/**
 * The readiness report: a scan's findings and the project-level checks' findings, grouped the
 * way pre-launch audits group them (Critical / High / Medium, then by family), with a readiness
 * score per family. Pure data in, data out: the CLI (`shipguard report`) and the language server
 * (`shipguard.server.report`) both build it here from what their scan produced, and
 * `render.ts` turns it into Markdown, HTML or JSON.
 *
 * Severity mapping (documented in the README and stated in every report):
 * - a rule finding of severity `error` is Critical (blocks launch);
 * - `warning` is High, except in the `performance-operations` and `meta` families, where it is
 *   Medium (capacity and hygiene, not correctness or security);
 * - `info` and `hint` are Medium;
 * - a project check declares its own severity.
 *
 * Score per family: 100 - 25 per Critical - 10 per High - 3 per Medium, never below 0.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Family, Rule, Severity } from '../engine/types';
import type { ProjectCheck, ProjectContext, ProjectFinding, ReportSeverity } from '../engine/project';
import type { FileReport, ReportedFinding } from '../engine/report';

/** Version of the JSON shape below; bumped only when a field changes meaning or goes away. */
export const REPORT_SCHEMA_VERSION = 1;

export const REPORT_SEVERITIES: readonly ReportSeverity[] = ['critical', 'high', 'medium'];
export const SEVERITY_TITLES: Record<ReportSeverity, string> = { critical: 'Critical', high: 'High', medium: 'Medium' };
export const SEVERITY_WEIGHTS: Record<ReportSeverity, number> = { critical: 25, high: 10, medium: 3 };
export const SCORE_RULE = `Each family starts at 100 and loses ${SEVERITY_WEIGHTS.critical} points per Critical, ${SEVERITY_WEIGHTS.high} per High and ${SEVERITY_WEIGHTS.medium} per Medium finding (rule and project-check findings alike), never below 0.`;
export const SEVERITY_RULE =
  'A rule finding of severity error is Critical (blocks launch); warning is High, or Medium in the performance-operations and meta families; info and hint are Medium. A project check declares its own severity.';

export const FAMILY_TITLES: Record<Family, string> = {
  idempotency: 'Idempotency',
  locking: 'Locking and races',
  throttling: 'Throttling',
  'error-handling': 'Error handling',
  'secrets-auth-config': 'Secrets, auth and config',
  'performance-operations': 'Performance and operations',
  meta: 'Meta',
};
export const FAMILIES = Object.keys(FAMILY_TITLES) as Family[];

export interface ReportFix {
  title: string;
  safety: 'safe' | 'unsafe' | 'display-only';
  /** The fix needs a value only a human can give (not applied by `shipguard fix`). */
  needsInput?: string;
}

export interface ReportFindingEntry {
  rule: string;
  family: Family;
  severity: ReportSeverity;
  /** The rule's own severity (error / warning / info / hint). */
  ruleSeverity: Severity;
  /** Workspace-relative POSIX path. */
  file: string;
  line: number;
  column: number;
  message: string;
  /** The best fix at this site (safe before unsafe before display-only), or null. */
  fix: ReportFix | null;
}

export interface ReportCheckEntry {
  check: string;
  title: string;
  family: Family;
  severity: ReportSeverity;
  message: string;
  file?: string;
  line?: number;
}

export interface FamilyScore {
  family: Family;
  title: string;
  score: number;
  critical: number;
  high: number;
  medium: number;
}

export interface ReadinessReport {
  schemaVersion: number;
  tool: { name: 'shipguard'; version: string };
  root: string;
  summary: {
    files: number;
    findings: number;
    critical: number;
    high: number;
    medium: number;
    projectFindings: number;
    /** Findings hidden by the baseline. */
    baselined: number;
    /** Critical findings (rules and checks): what blocks launch. */
    blocking: number;
    fixable: number;
    safeFixes: number;
  };
  severityRule: string;
  scoreRule: string;
  scores: FamilyScore[];
  /** Rule findings, ordered by severity, family, file, line. */
  findings: ReportFindingEntry[];
  /** Project-level check findings, ordered by severity then check. */
  projectFindings: ReportCheckEntry[];
  /** Checks that threw (logged and skipped). */
  failedChecks: string[];
  /** "How to verify" steps per rule id that has findings (markdown). */
  verify: Record<string, string>;
}

export interface BuildInput {
  version: string;
  /** Absolute workspace root. */
  root: string;
  reports: readonly FileReport[];
  rules: readonly Rule[];
  /** Results of `runChecks`. */
  project: { findings: ReportCheckEntry[]; failed: string[] };
  baselined?: number;
}

/** The report severity of a rule finding (see the mapping at the top of this file). */
export function reportSeverity(severity: Severity, family: Family): ReportSeverity {
  if (severity === 'error') return 'critical';
  if (severity === 'warning') return family === 'performance-operations' || family === 'meta' ? 'medium' : 'high';
  return 'medium';
}

/** The score of a family with these counts. */
export function familyScore(counts: { critical: number; high: number; medium: number }): number {
  const lost = counts.critical * SEVERITY_WEIGHTS.critical + counts.high * SEVERITY_WEIGHTS.high + counts.medium * SEVERITY_WEIGHTS.medium;
  return Math.max(0, 100 - lost);
}

/** The body of a markdown section `## <heading>` (up to the next `## `), trimmed; '' when absent. */
export function docsSection(docs: string, heading: string): string {
  const lines = docs.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim().toLowerCase() === `## ${heading}`.toLowerCase());
  if (start < 0) return '';
  const out: string[] = [];
  let fence = false;
  for (const l of lines.slice(start + 1)) {
    if (/^\s*```/.test(l)) fence = !fence;
    if (!fence && /^## /.test(l)) break;
    out.push(l);
  }
  return out.join('\n').trim();
}

const FIX_ORDER = { safe: 0, unsafe: 1, 'display-only': 2 } as const;

function bestFix(f: ReportedFinding): ReportFix | null {
  const fixes = [...f.fixes].sort((a, b) => Number(!!a.needsInput) - Number(!!b.needsInput) || FIX_ORDER[a.applicability] - FIX_ORDER[b.applicability]);
  const x = fixes[0];
  if (!x) return null;
  return { title: x.title, safety: x.applicability, ...(x.needsInput ? { needsInput: x.needsInput } : {}) };
}

function toPosixRel(root: string, abs: string): string {
  const rel = path.relative(root, abs);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs).split(path.sep).join('/');
}

const rank = (s: ReportSeverity) => REPORT_SEVERITIES.indexOf(s);

export function buildReport(input: BuildInput): ReadinessReport {
  const byId = new Map(input.rules.map((r) => [r.id, r]));
  const findings: ReportFindingEntry[] = [];
  for (const rep of input.reports) {
    const file = toPosixRel(input.root, rep.path);
    for (const f of rep.findings) {
      const rule = byId.get(f.ruleId);
      const family: Family = rule?.family ?? 'meta';
      findings.push({
        rule: f.ruleId,
        family,
        severity: reportSeverity(f.severity, family),
        ruleSeverity: f.severity,
        file,
        line: f.line,
        column: f.column,
        message: f.message,
        fix: bestFix(f),
      });
    }
  }
  findings.sort(
    (a, b) =>
      rank(a.severity) - rank(b.severity) ||
      FAMILIES.indexOf(a.family) - FAMILIES.indexOf(b.family) ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column,
  );
  const projectFindings = [...input.project.findings].sort((a, b) => rank(a.severity) - rank(b.severity) || (a.check < b.check ? -1 : a.check > b.check ? 1 : 0));
  const count = (s: ReportSeverity) => findings.filter((f) => f.severity === s).length;
  const scores: FamilyScore[] = FAMILIES.filter((fam) => fam !== 'meta' || findings.some((f) => f.family === 'meta') || projectFindings.some((f) => f.family === 'meta')).map((family) => {
    const c = { critical: 0, high: 0, medium: 0 };
    for (const f of findings) if (f.family === family) c[f.severity]++;
    for (const f of projectFindings) if (f.family === family) c[f.severity]++;
    return { family, title: FAMILY_TITLES[family], score: familyScore(c), ...c };
  });
  const verify: Record<string, string> = {};
  for (const f of findings) {
    if (f.rule in verify) continue;
    const rule = byId.get(f.rule);
    verify[f.rule] = rule ? docsSection(rule.docs, 'How to verify') : '';
  }
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'shipguard', version: input.version },
    root: input.root,
    summary: {
      files: input.reports.filter((r) => !r.skipped).length,
      findings: findings.length,
      critical: count('critical'),
      high: count('high'),
      medium: count('medium'),
      projectFindings: projectFindings.length,
      baselined: input.baselined ?? 0,
      blocking: count('critical') + projectFindings.filter((f) => f.severity === 'critical').length,
      fixable: findings.filter((f) => f.fix).length,
      safeFixes: findings.filter((f) => f.fix?.safety === 'safe' && !f.fix.needsInput).length,
    },
    severityRule: SEVERITY_RULE,
    scoreRule: SCORE_RULE,
    scores,
    findings,
    projectFindings,
    failedChecks: [...input.project.failed],
    verify,
  };
}

/**
 * The context project checks read: the discovered files as workspace-relative POSIX paths
 * (files outside the root are left out), and `read` giving a kept file's UTF-8 text, or
 * undefined for a file discovery did not keep, an unreadable file or one that is not UTF-8.
 */
export function projectContext(root: string, absFiles: readonly string[], maxFileSize = 2_000_000): ProjectContext {
  const files: string[] = [];
  const abs = new Map<string, string>();
  for (const f of absFiles) {
    const rel = path.relative(root, f);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    const posix = rel.split(path.sep).join('/');
    if (abs.has(posix)) continue;
    abs.set(posix, f);
    files.push(posix);
  }
  files.sort();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const cache = new Map<string, string | undefined>();
  return {
    root,
    files,
    read(file: string): string | undefined {
      if (cache.has(file)) return cache.get(file);
      const p = abs.get(file);
      let text: string | undefined;
      if (p) {
        try {
          // larger than the scan reads: a check gets undefined, as for an unreadable file
          text = fs.statSync(p).size > maxFileSize ? undefined : decoder.decode(fs.readFileSync(p)).replace(/^\uFEFF/, '');
        } catch {
          text = undefined;
        }
      }
      cache.set(file, text);
      return text;
    },
  };
}

/** Runs every check on the context; a check that throws is logged and skipped. */
export function runChecks(checks: readonly ProjectCheck[], ctx: ProjectContext, log: (m: string) => void): { findings: ReportCheckEntry[]; failed: string[] } {
  const findings: ReportCheckEntry[] = [];
  const failed: string[] = [];
  for (const c of checks) {
    let out: ProjectFinding[];
    try {
      out = c.run(ctx);
      if (!Array.isArray(out)) throw new Error('run() did not return an array');
    } catch (e) {
      failed.push(c.id);
      log(`project check ${c.id} failed and was skipped: ${(e as Error).stack ?? e}`);
      continue;
    }
    for (const f of out) {
      findings.push({
        check: c.id,
        title: c.title,
        family: c.family,
        severity: c.severity,
        message: String(f.message),
        ...(typeof f.file === 'string' ? { file: f.file } : {}),
        ...(typeof f.file === 'string' && typeof f.line === 'number' && f.line >= 1 ? { line: Math.floor(f.line) } : {}),
      });
    }
  }
  return { findings, failed };
}
