/**
 * Lint state per open document, keyed by uri and version (STYLE habit 7).
 *
 * Diagnostics come from a fast lint without fixes. The first code action
 * request for a version runs the full lint once (fixes computed and verified
 * by the engine) and keeps it, so a quick fix never re-runs rules and typing
 * never pays for fix verification.
 */
import * as path from 'node:path';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { lint, fixFile, type ParsedTrees } from '../engine/lint';
import { DocumentTrees, type TextChange } from '../lang/incremental';
import { LineIndex } from '../text/positions';
import { languageOf, languageOfId, looksMinified, makeSourceFile, nestingProblem } from '../engine/files';
import type { Finding, Rule, SourceFile } from '../engine/types';
import { UNUSED_SUPPRESSION } from '../engine/builtin';
import { uriToPath, type EffectiveSettings } from './settings';

export interface LintState {
  uri: string;
  version: number;
  text: string;
  lines: LineIndex;
  file: SourceFile | null;
  settings: EffectiveSettings;
  /** Findings of the fast lint (no fixes). */
  findings: Finding[];
  /** Findings with verified fixes, per rule id, computed on demand for this version. */
  fixesByRule?: Map<string, Finding[]>;
  /** Why the document was not linted, if it was not. */
  skipped?: string;
}

const EXT_FOR_ID: Record<string, string> = {
  python: '.py',
  javascript: '.js',
  javascriptreact: '.jsx',
  typescript: '.ts',
  typescriptreact: '.tsx',
};

/** A SourceFile for a document, or null when it is not a language shipguard reads. */
export function sourceFileFor(uri: string, languageId: string, text: string): SourceFile | null {
  const language = languageOfId(languageId);
  const fsPath = uriToPath(uri);
  let name = fsPath ?? (uri.replace(/^[a-z][\w+.-]*:/i, '') || 'untitled');
  const byName = languageOf(name);
  if (!language && !byName) return null;
  // untitled documents (and files whose extension says another language) get the extension of
  // their language id, which also picks the right parser (tsx/jsx)
  const ext = EXT_FOR_ID[languageId];
  if (ext && language && byName !== language) name += ext;
  return makeSourceFile(name, text, language ?? undefined);
}

/** The reason a text should not be linted, or null. */
export function skipReason(text: string, settings: EffectiveSettings, fsPath: string | null): string | null {
  if (!settings.enable) return 'disabled by the shipguard.enable setting';
  if (fsPath && settings.excluded(fsPath)) return 'excluded by the exclude setting or config';
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > settings.config.maxFileSize) return `${bytes} bytes is over the ${settings.config.maxFileSize}-byte limit (setting shipguard.maxFileSize)`;
  if (text.slice(0, 8000).includes('\u0000')) return 'looks binary (contains NUL characters)';
  if (looksMinified(text)) return 'looks minified or generated';
  return nestingProblem(text, languageOf(fsPath ?? '') ?? 'typescript');
}

/**
 * Applies LSP content changes to a document (as TextDocument.update does) and returns the
 * edits as offsets, each into the text before it; null when a change replaced the whole text.
 */
export function applyContentChanges(doc: TextDocument, changes: readonly TextDocumentContentChangeEvent[], version: number): { doc: TextDocument; edits: TextChange[] | null } {
  let edits: TextChange[] | null = [];
  let cur = doc;
  for (const c of changes) {
    if ('range' in c && c.range) {
      const start = cur.offsetAt(c.range.start);
      const end = cur.offsetAt(c.range.end);
      edits?.push({ start: Math.min(start, end), end: Math.max(start, end), text: c.text });
    } else edits = null;
    cur = TextDocument.update(cur, [c], version);
  }
  return { doc: cur, edits };
}

export class DocumentStates {
  private readonly states = new Map<string, LintState>();
  /** The kept syntax trees of open documents, brought up to date incrementally (lang/incremental.ts). */
  private readonly trees = new Map<string, DocumentTrees>();
  /** Last skip reason logged per uri, so a skipped file logs once, not on every keystroke. */
  private readonly loggedSkips = new Map<string, string>();

  constructor(
    private readonly rules: () => readonly Rule[],
    private readonly log: (message: string) => void,
  ) {}

  get(uri: string): LintState | undefined {
    return this.states.get(uri);
  }

  /** The state for exactly this version of the document, if it is cached. */
  current(doc: TextDocument): LintState | undefined {
    const s = this.states.get(doc.uri);
    return s && s.version === doc.version ? s : undefined;
  }

  delete(uri: string): void {
    this.states.delete(uri);
    this.loggedSkips.delete(uri);
    this.trees.get(uri)?.dispose();
    this.trees.delete(uri);
  }

  /** The document changed to `text` by `edits` (null: unknown edits); its kept tree follows. */
  edited(uri: string, text: string, edits: readonly TextChange[] | null): void {
    this.trees.get(uri)?.update(text, edits ?? undefined);
  }

  /** Trees for the state's text from the document's kept tree (made on first use). */
  private treesFor(state: LintState): ParsedTrees | undefined {
    const file = state.file;
    if (!file) return undefined;
    let t = this.trees.get(state.uri);
    if (!t || t.language !== file.language || t.path !== file.path) {
      t?.dispose();
      t = new DocumentTrees(file.path, file.language);
      this.trees.set(state.uri, t);
    }
    // edits that were not seen (the first lint, an old state asking for fixes) come from the texts
    if (t.current !== state.text) t.update(state.text);
    const kept = t;
    return { text: state.text, python: () => kept.python(), js: () => kept.js() };
  }

  clear(): void {
    this.states.clear();
  }

  /** Runs the fast lint on a document version and caches the result. */
  analyse(doc: TextDocument, settings: EffectiveSettings): LintState {
    const text = doc.getText();
    const lines = new LineIndex(text);
    const file = sourceFileFor(doc.uri, doc.languageId, text);
    const state: LintState = { uri: doc.uri, version: doc.version, text, lines, file, settings, findings: [] };
    const reason = file ? skipReason(text, settings, uriToPath(doc.uri)) : 'not a Python or JavaScript/TypeScript document';
    if (reason) {
      state.skipped = reason;
      if (this.loggedSkips.get(doc.uri) !== reason) {
        this.loggedSkips.set(doc.uri, reason);
        if (settings.enable) this.log(`skipped ${doc.uri}: ${reason}`);
      }
    } else {
      this.loggedSkips.delete(doc.uri);
      const t0 = Date.now();
      const res = lint(file!, { rules: this.rules(), config: settings.config, computeFixes: false, log: this.log, trees: this.treesFor(state) });
      state.findings = res.findings;
      const ms = Date.now() - t0;
      if (ms > 500) this.log(`linting ${doc.uri} took ${ms} ms`);
    }
    this.states.set(doc.uri, state);
    return state;
  }

  /**
   * Findings with verified fixes for the rules that report something in
   * [start, end], for the state's version. Fixes are computed and verified per
   * rule, once per version: verification re-runs the rule on the fixed text,
   * so doing it for every rule of a big file on each light-bulb request would
   * cost seconds. Unused-suppression findings carry their fix already.
   */
  withFixes(state: LintState, start: number, end: number): Finding[] {
    if (state.skipped || !state.file) return [];
    const perRule = (state.fixesByRule ??= new Map<string, Finding[]>());
    const ids = new Set(state.findings.filter((f) => f.start <= end && f.end >= start).map((f) => f.ruleId));
    const out: Finding[] = [];
    for (const id of ids) {
      if (id === UNUSED_SUPPRESSION.id) {
        out.push(...state.findings.filter((f) => f.ruleId === id));
        continue;
      }
      let list = perRule.get(id);
      if (!list) {
        const res = lint(state.file, { rules: this.rules(), config: state.settings.config, only: [id], computeFixes: true, verifyFixes: true, log: this.log, trees: this.treesFor(state) });
        list = res.findings.filter((f) => f.ruleId === id);
        perRule.set(id, list);
      }
      out.push(...list);
    }
    return out.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  }

  /** The whole file after every applicable fix (safe, plus unsafe when enabled), or null when nothing changes. */
  fixAllText(state: LintState): string | null {
    if (state.skipped || !state.file) return null;
    const res = fixFile(state.file, { rules: this.rules(), config: state.settings.config, unsafe: state.settings.unsafeFixes, log: this.log });
    return res.text === state.text ? null : res.text;
  }
}
