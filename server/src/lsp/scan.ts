/**
 * Workspace-wide operations of the server: the scan (every file's findings in
 * the Problems panel, with progress and cancel) and the codemod edit (one
 * rule's fixes over every file, returned as one annotated WorkspaceEdit for
 * the refactor preview).
 *
 * File discovery and linting are the engine's (engine/workspace.ts: .gitignore,
 * config excludes, worker threads); this module only chunks the work so a
 * cancel takes effect quickly and turns reports into LSP messages.
 */
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type CancellationToken,
  type ChangeAnnotation,
  type Diagnostic,
  type TextDocumentEdit,
  type WorkspaceEdit,
  type AnnotatedTextEdit,
} from 'vscode-languageserver';
import { discoverFiles } from '../engine/discovery';
import { scanUsesWorkers, scanWorkspace } from '../engine/workspace';
import { type FileReport } from '../engine/report';
import { decodeSource, languageOf, looksMinified, makeSourceFile } from '../engine/files';
import { fixFile } from '../engine/lint';
import { diffToEdits } from '../text/edits';
import { LineIndex } from '../text/positions';
import { UNUSED_SUPPRESSION } from '../engine/builtin';
import type { Rule, Severity } from '../engine/types';
import { canonicalUri, type EffectiveSettings } from './settings';
import { SOURCE, ruleDocsUri, toLspEdits } from './diagnostics';
import type { CodemodEditResult, ScanSummary } from './protocol';

export interface Progress {
  report(percentage: number, message?: string): void;
}

export interface ScanHost {
  /** Workspace folder paths. */
  folders(): string[];
  settingsFor(folderPath: string): Promise<EffectiveSettings>;
  /** Open documents publish their own (live) diagnostics; `uri` is canonical (see canonicalUri). */
  openText(uri: string): { text: string; version: number } | undefined;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  log(message: string): void;
  rules(): readonly Rule[];
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Files per chunk handed to the engine's scanner; between chunks a cancel is honoured. */
const CHUNK_FILES = 400;
const CHUNK_BYTES = 4_000_000;

export function fileUri(fsPath: string): string {
  return pathToFileURL(fsPath).href;
}

function reportDiagnostics(r: FileReport): Diagnostic[] {
  return r.findings.map((f) => {
    const d: Diagnostic = {
      range: {
        start: { line: f.sarif.startLine - 1, character: f.sarif.startColumn - 1 },
        end: { line: f.sarif.endLine - 1, character: f.sarif.endColumn - 1 },
      },
      severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Warning,
      source: SOURCE,
      code: f.ruleId,
      codeDescription: { href: ruleDocsUri(f.ruleId) },
      message: f.message,
    };
    if (f.ruleId === UNUSED_SUPPRESSION.id) d.tags = [DiagnosticTag.Unnecessary];
    return d;
  });
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The calls a folder's files are scanned in. Scanned in worker threads, they go in one call:
 * workers take a cancel between batches, and a worker started per chunk would start its caches
 * over (every imported module parsed again, every project's facts read again; the reference
 * corpus took 33 s in chunks, as long as the CLI's 12 s in one call). Scanned in-process (a small
 * folder, or no worker bundle), they go in chunks, since a chunk is one synchronous loop and a
 * cancel or an edit waits for its end.
 */
function chunks(files: string[]): string[][] {
  const sizes = files.map((f) => {
    try {
      return fs.statSync(f).size;
    } catch {
      return 0;
    }
  });
  if (scanUsesWorkers(files.length, sizes.reduce((a, b) => a + b, 0))) return [files];
  const out: string[][] = [];
  let cur: string[] = [];
  let bytes = 0;
  files.forEach((f, i) => {
    if (cur.length && (cur.length >= CHUNK_FILES || bytes + sizes[i] > CHUNK_BYTES)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(f);
    bytes += sizes[i];
  });
  if (cur.length) out.push(cur);
  return out;
}

export class WorkspaceScanner {
  /** Diagnostics from the last scan, per uri, for files that are not open. */
  private readonly results = new Map<string, Diagnostic[]>();

  constructor(private readonly host: ScanHost) {}

  /** The scan's diagnostics for a file (published again when an open file is closed). */
  resultFor(uri: string): Diagnostic[] | undefined {
    return this.results.get(canonicalUri(uri));
  }

  hasResults(): boolean {
    return this.results.size > 0;
  }

  /** Keeps a closed file's scan result in step with what was just linted from disk. */
  setResult(uri: string, diagnostics: Diagnostic[]): void {
    const key = canonicalUri(uri);
    if (this.results.has(key)) this.results.set(key, diagnostics);
  }

  private async collect(token: CancellationToken): Promise<Array<{ folder: string; settings: EffectiveSettings; files: string[] }>> {
    const out: Array<{ folder: string; settings: EffectiveSettings; files: string[] }> = [];
    const folders = this.host.folders();
    const seen = new Set<string>();
    // innermost folders first, so a nested folder's config wins for its files
    for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
      if (token.isCancellationRequested) break;
      const settings = await this.host.settingsFor(folder);
      if (!settings.enable) {
        this.host.log(`scan: ${folder} skipped (shipguard.enable is off)`);
        continue;
      }
      const { files, refusedPatterns } = discoverFiles([folder], { root: folder, config: settings.config });
      for (const r of refusedPatterns) this.host.log(`scan: ${r.file}: pattern "${r.pattern.slice(0, 80)}" ${r.why}; not used`);
      const mine = files.filter((f) => !seen.has(f));
      for (const f of mine) seen.add(f);
      out.push({ folder, settings, files: mine });
      await tick();
    }
    return out;
  }

  /**
   * `opts.onReports` receives every chunk's reports with its folder (the readiness report
   * builds from them); `opts.computeFixes` has the reports carry each finding's fixes.
   */
  async scan(
    progress: Progress,
    token: CancellationToken,
    opts: { computeFixes?: boolean; onReports?: (folder: string, settings: EffectiveSettings, reports: FileReport[]) => void } = {},
  ): Promise<ScanSummary> {
    const t0 = Date.now();
    const summary: ScanSummary = { files: 0, findings: 0, skipped: 0, cancelled: false, millis: 0 };
    progress.report(0, 'finding files');
    const groups = await this.collect(token);
    const total = groups.reduce((s, g) => s + g.files.length, 0);
    const previous = new Set(this.results.keys());
    const fresh = new Set<string>();
    let done = 0;
    outer: for (const g of groups) {
      for (const chunk of chunks(g.files)) {
        if (token.isCancellationRequested) break outer;
        const base = done;
        // each file's diagnostics are shown as its report arrives, not when its chunk ends
        const show = (r: FileReport) => {
          const uri = fileUri(r.path);
          for (const line of r.logs) this.host.log(line);
          if (r.skipped) {
            summary.skipped++;
            this.host.log(`scan: ${r.path}: ${r.skipped}`);
          }
          const diags = reportDiagnostics(r);
          summary.findings += diags.length;
          this.results.set(uri, diags);
          fresh.add(uri);
          if (!this.host.openText(uri)) this.host.publish(uri, diags);
        };
        const res = await scanWorkspace(chunk, {
          rules: this.host.rules(),
          config: g.settings.config,
          computeFixes: !!opts.computeFixes,
          cache: null,
          onReport: show,
          cancelled: () => token.isCancellationRequested,
          onProgress: (d) => {
            const pct = total ? Math.floor(((base + d) / total) * 100) : 100;
            progress.report(pct, `${base + d}/${total} files`);
          },
        });
        opts.onReports?.(g.folder, g.settings, res.reports);
        done += res.reports.length;
        summary.files = done;
        progress.report(total ? Math.floor((done / total) * 100) : 100, `${done}/${total} files`);
        await tick();
      }
    }
    summary.cancelled = token.isCancellationRequested;
    if (!summary.cancelled) {
      // files that are gone or now ignored lose their old findings
      for (const uri of previous) {
        if (fresh.has(uri)) continue;
        this.results.delete(uri);
        if (!this.host.openText(uri)) this.host.publish(uri, []);
      }
    }
    summary.millis = Date.now() - t0;
    this.host.log(
      `scan ${summary.cancelled ? 'cancelled' : 'finished'}: ${summary.files} files, ${summary.findings} findings, ${summary.skipped} skipped, ${summary.millis} ms`,
    );
    return summary;
  }

  /**
   * One rule's fixes over every file of the workspace as one WorkspaceEdit.
   * Every file's edits share a change annotation (its label names the rule in
   * the refactor preview); whether the user reviews the edit first is the
   * client's question, so the annotation asks for no confirmation. Open
   * documents are edited at the version read here.
   */
  async codemodEdit(
    ruleId: string,
    unsafe: boolean,
    progress: Progress,
    token: CancellationToken,
  ): Promise<CodemodEditResult & { edit: WorkspaceEdit }> {
    const rule = this.host.rules().find((r) => r.id === ruleId);
    const annotationId = `shipguard:${ruleId}`;
    const annotation: ChangeAnnotation = {
      label: `shipguard: ${ruleId}`,
      description: unsafe ? 'safe and unsafe fixes' : 'safe fixes',
    };
    const documentChanges: TextDocumentEdit[] = [];
    const perFile: CodemodEditResult['perFile'] = [];
    let fixes = 0;
    let needsInput = 0; // findings whose fix needs a value only a human can give: left for the editor's quick fix
    if (!rule) return { edit: { documentChanges }, files: 0, fixes: 0, perFile, needsInput: 0, cancelled: false };
    progress.report(0, 'finding files');
    const groups = await this.collect(token);
    const total = groups.reduce((s, g) => s + g.files.length, 0);
    let done = 0;
    let lastYield = Date.now();
    outer: for (const g of groups) {
      for (const filePath of g.files) {
        if (token.isCancellationRequested) break outer;
        done++;
        const lang = languageOf(filePath);
        if (!lang || !rule.languages.includes(lang)) continue;
        const uri = fileUri(filePath);
        const open = this.host.openText(uri);
        let text: string;
        let version: number | null = null;
        if (open) {
          text = open.text;
          version = open.version;
        } else {
          let bytes: Uint8Array;
          try {
            bytes = fs.readFileSync(filePath);
          } catch {
            continue;
          }
          const decoded = decodeSource(filePath, bytes, g.settings.config.maxFileSize);
          if (!decoded.ok || decoded.warning) continue; // never write to a file we could not decode exactly
          text = decoded.file.text;
        }
        if (looksMinified(text)) continue;
        try {
          const res = fixFile(
            makeSourceFile(filePath, text),
            { rules: this.host.rules(), config: g.settings.config, only: [ruleId], unsafe, log: (m) => this.host.log(m) },
          );
          needsInput += res.needsInput.length;
          if (res.text !== text) {
            const lines = new LineIndex(text);
            const edits: AnnotatedTextEdit[] = toLspEdits(lines, diffToEdits(text, res.text)).map((e) => ({ ...e, annotationId }));
            documentChanges.push({ textDocument: { uri, version }, edits });
            perFile.push({ uri, fixes: res.applied });
            fixes += res.applied;
          }
        } catch (e) {
          this.host.log(`codemod ${ruleId} failed on ${filePath}: ${(e as Error).stack ?? e}`);
        }
        if (Date.now() - lastYield > 50) {
          progress.report(total ? Math.floor((done / total) * 100) : 100, `${done}/${total} files`);
          await tick();
          lastYield = Date.now();
        }
      }
    }
    const edit: WorkspaceEdit = { documentChanges, changeAnnotations: { [annotationId]: annotation } };
    return { edit, files: documentChanges.length, fixes, perFile, needsInput, cancelled: token.isCancellationRequested };
  }
}
