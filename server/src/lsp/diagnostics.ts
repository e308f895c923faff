/**
 * Engine findings -> LSP diagnostics and edits. Offsets become positions
 * through the engine's LineIndex only (positions.ts is the one place that
 * converts), so emoji, CJK and CRLF files behave exactly as in the CLI.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { Finding, Severity } from '../engine/types';
import type { TextEdit } from '../text/edits';
import type { LineIndex } from '../text/positions';
import { UNUSED_SUPPRESSION } from '../engine/builtin';

export const SOURCE = 'shipguard';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Where the extension's files are: the first folder above this module holding package.json (server/out -> root). */
function extensionRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  // the bundle layout: server/out/server.js -> ../../
  return path.resolve(__dirname, '..', '..');
}

let docsDir: string | undefined;

export function ruleDocsPath(id: string): string {
  docsDir ??= path.join(extensionRoot(), 'docs', 'rules');
  return path.join(docsDir, `${id}.md`);
}

export function ruleDocsUri(id: string): string {
  return pathToFileURL(ruleDocsPath(id)).href;
}

export function toRange(lines: LineIndex, start: number, end: number): Range {
  return { start: lines.positionAt(start), end: lines.positionAt(end) };
}

/** Data attached to each diagnostic: enough to find the finding in the document cache again. */
export interface DiagnosticData {
  version: number;
  start: number;
  end: number;
}

export function toDiagnostic(f: Finding, lines: LineIndex, version: number): Diagnostic {
  const d: Diagnostic = {
    range: toRange(lines, f.start, f.end),
    severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Warning,
    source: SOURCE,
    code: f.ruleId,
    codeDescription: { href: ruleDocsUri(f.ruleId) },
    message: f.message,
    data: { version, start: f.start, end: f.end } satisfies DiagnosticData,
  };
  if (f.ruleId === UNUSED_SUPPRESSION.id) d.tags = [DiagnosticTag.Unnecessary];
  return d;
}

export function toLspEdits(lines: LineIndex, edits: readonly TextEdit[]): LspTextEdit[] {
  return [...edits]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((e) => ({ range: toRange(lines, e.start, e.end), newText: e.newText }));
}

/** The severity of a project-level check's finding shown on its file (the report's Critical / High / Medium). */
const CHECK_SEVERITY: Record<string, DiagnosticSeverity> = { critical: DiagnosticSeverity.Error, high: DiagnosticSeverity.Warning, medium: DiagnosticSeverity.Information };

/**
 * A project-level check's finding as a diagnostic on the file it names: the whole 1-based
 * `line` (`lineText` gives its length), tagged with the check's id. Code actions ignore it
 * (it carries no fix data).
 */
export function checkDiagnostic(f: { check: string; message: string; severity: string; line?: number }, lineText: string): Diagnostic {
  const line = Math.max(0, (f.line ?? 1) - 1);
  return {
    range: { start: { line, character: 0 }, end: { line, character: lineText.length } },
    severity: CHECK_SEVERITY[f.severity] ?? DiagnosticSeverity.Information,
    source: SOURCE,
    code: f.check,
    message: `${f.message} (project-level check; see the readiness report)`,
  };
}
