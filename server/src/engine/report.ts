/**
 * One file's report: lint its bytes (decoded, minified and binary files refused with a reason),
 * findings with positions, fixes as edits and fingerprints (what baselines and caches key on).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as crypto from 'node:crypto';
import { lint, UnanalysableInput } from './lint';
import { decodeSource, looksMinified } from './files';
import { LineIndex } from '../text/positions';
import { detached } from '../text/strings';
import type { ResolvedConfig } from './config';
import type { Applicability, Finding, Rule, Severity } from './types';

export interface ReportedEdit {
  /** 1-based lines, 1-based UTF-16 columns (as SARIF and LSP count), end exclusive. */
  start: { line: number; column: number };
  end: { line: number; column: number };
  newText: string;
}

export interface ReportedFix {
  title: string;
  applicability: Applicability;
  /** The fix needs a value only a human can give: `fix` does not apply it (see `Fix.needsInput`). */
  needsInput?: string;
  edits: ReportedEdit[];
}

/** A finding with everything the outputs need, computed where the text is at hand. */
export interface ReportedFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  /** 1-based line and code-point column (text output). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** 1-based line and UTF-16 column (SARIF). */
  sarif: { startLine: number; startColumn: number; endLine: number; endColumn: number };
  /** Stable across line shifts: rule id + normalised statement text + occurrence index. */
  fingerprint: string;
  fixes: ReportedFix[];
}

export interface FileReport {
  /** Absolute path. */
  path: string;
  lines: number;
  bytes: number;
  findings: ReportedFinding[];
  /** Why the file was not linted. */
  skipped?: string;
  /** The file could not be analysed (unreadable, too deep, an internal error): the run must not pass silently. */
  failed?: boolean;
  /** Linted, but with a caveat (non-UTF-8). */
  warning?: string;
  syntaxErrors: number;
  failedRules: string[];
  logs: string[];
  /** Milliseconds per rule and for parsing, when asked for. */
  timing?: Record<string, number>;
  /** Module names this file imports (for cache invalidation across files). */
  imports?: string[];
}

export interface ScanOptions {
  rules: readonly Rule[];
  config: ResolvedConfig;
  only?: readonly string[];
  computeFixes?: boolean;
  /** Measure time per rule (`shipguard scan --timing`). */
  timing?: boolean;
}

/** Lints one file's bytes into a report; never throws. */
export function scanBytes(filePath: string, bytes: Uint8Array, opts: ScanOptions): FileReport {
  const base: FileReport = { path: filePath, lines: 0, bytes: bytes.length, findings: [], syntaxErrors: 0, failedRules: [], logs: [] };
  const decoded = decodeSource(filePath, bytes, opts.config.maxFileSize);
  if (!decoded.ok) return { ...base, skipped: decoded.reason };
  const file = decoded.file;
  const lines = new LineIndex(file.text);
  base.lines = lines.lineCount;
  if (looksMinified(file.text)) return { ...base, skipped: 'skipped: looks minified or generated (very long lines)' };
  if (decoded.warning) base.warning = decoded.warning;
  try {
    const res = lint(file, {
      rules: opts.rules,
      config: opts.config,
      only: opts.only,
      computeFixes: opts.computeFixes ?? false,
      timing: opts.timing,
      log: (m) => base.logs.push(m),
    });
    if (res.timing) base.timing = Object.fromEntries(res.timing);
    base.syntaxErrors = res.syntaxErrors;
    base.failedRules = res.failedRules;
    base.findings = reportFindings(file.text, lines, res.findings);
    base.imports = importedNames(file.text, file.language === 'python');
  } catch (e) {
    base.failed = true;
    if (e instanceof UnanalysableInput) base.skipped = (e as Error).message;
    else {
      base.skipped = `internal error while linting: ${(e as Error).message}`;
      base.logs.push(`${filePath}: ${(e as Error).stack ?? e}`);
    }
  }
  return base;
}

/** The name a module is imported by: the file's stem, or its folder's name for `__init__.py` / `index.*`. */
export function moduleName(file: string): string {
  const stem = path.basename(file).replace(/\.[^.]+$/, '');
  return stem === '__init__' || stem === 'index' ? path.basename(path.dirname(file)) : stem;
}

/**
 * Every name that appears in the file's import statements (module path
 * segments and imported names), a superset of the project modules whose
 * content can change this file's findings.
 */
export function importedNames(text: string, python: boolean): string[] {
  const names = new Set<string>();
  const add = (chunk: string) => {
    // kept with the report (the cache, the editor's import graph) after the text is gone
    for (const m of chunk.matchAll(/[A-Za-z_$][\w$-]*/g)) names.add(detached(m[0]));
  };
  if (python) {
    for (const m of text.matchAll(/^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]*(\([^)]*\)|[^\n]*)/gm)) add(`${m[1]} ${m[2]}`);
    for (const m of text.matchAll(/^[ \t]*import[ \t]+([^\n]+)/gm)) add(m[1]);
  } else {
    for (const m of text.matchAll(/(?:\bfrom|\brequire\s*\(|\bimport\s*\(|^[ \t]*import)\s*['"`]([^'"`]+)['"`]/gm)) {
      add(m[1].replace(/\.(?:[cm]?[jt]sx?)$/, ''));
    }
  }
  return [...names];
}

/** Adds positions and fingerprints to engine findings. */
export function reportFindings(text: string, lines: LineIndex, findings: readonly Finding[]): ReportedFinding[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = `${f.ruleId}\0${fingerprintText(text, lines, f)}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const h = lines.humanPosition(f.start);
    const he = lines.humanPosition(f.end);
    const s = lines.sarifPosition(f.start);
    const se = lines.sarifPosition(f.end);
    return {
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      start: f.start,
      end: f.end,
      line: h.line,
      column: h.column,
      endLine: he.line,
      endColumn: he.column,
      sarif: { startLine: s.line, startColumn: s.column, endLine: se.line, endColumn: se.column },
      fingerprint: hashFingerprint(key, n),
      fixes: f.fixes.map((x) => ({
        title: x.title,
        applicability: x.applicability,
        ...(x.needsInput ? { needsInput: x.needsInput } : {}),
        edits: x.edits.map((e) => ({ start: lines.sarifPosition(e.start), end: lines.sarifPosition(e.end), newText: e.newText })),
      })),
    };
  });
}

/**
 * The text a fingerprint is made of: the finding's statement with whitespace
 * collapsed (so re-indenting or moving it keeps the fingerprint), or for a long
 * compound statement, the lines the finding itself spans.
 */
export function fingerprintText(text: string, lines: LineIndex, f: Pick<Finding, 'start' | 'end' | 'stmtStart' | 'stmtEnd'>): string {
  let s = f.stmtStart ?? f.start;
  let e = f.stmtEnd ?? f.end;
  if (e - s > 400 || s > f.start || e < f.end) {
    s = lines.lineStart(lines.lineOf(f.start));
    e = lines.lineEnd(lines.lineOf(f.end));
  }
  return text.slice(s, e).replace(/\s+/g, ' ').trim();
}

export function hashFingerprint(key: string, occurrence: number): string {
  return `${crypto.createHash('sha256').update(key).digest('hex').slice(0, 32)}:${occurrence + 1}`;
}

export function readAndScan(filePath: string, opts: ScanOptions): FileReport {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(filePath);
  } catch (e) {
    return { path: filePath, lines: 0, bytes: 0, findings: [], skipped: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, failed: true, syntaxErrors: 0, failedRules: [], logs: [] };
  }
  return scanBytes(filePath, bytes, opts);
}
