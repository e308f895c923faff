/**
 * Code actions for findings: each verified fix (safe ones preferred, unsafe
 * ones marked), "Suppress <rule-id> on this line", "Show documentation for
 * <rule-id>", and `source.fixAll.shipguard` (ruff_server, vscode-eslint).
 */
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type Range,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { detectEol, LineIndex } from '../text/positions';
import { diffToEdits } from '../text/edits';
import { UNUSED_SUPPRESSION } from '../engine/builtin';
import type { Finding, Fix } from '../engine/types';
import { ClientCommands, FIX_ALL_KIND, ServerCommands } from './protocol';
import { SOURCE, toDiagnostic, toLspEdits, toRange } from './diagnostics';
import type { LintState } from './documents';

export interface EditCapabilities {
  /** The client accepts `documentChanges` (versioned edits). */
  documentChanges: boolean;
  /** The client accepts SnippetTextEdit inside TextDocumentEdit (LSP 3.18). */
  snippets: boolean;
  /** The client accepts `create` resource operations in `documentChanges` (a fix's new `.env.example`). */
  createFiles?: boolean;
}

/** Does a requested kind (`only`) cover an action kind? `source` covers `source.fixAll.shipguard`. */
export function kindWanted(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || !only.length) return true;
  return only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

/** A workspace edit bound to the document version it was computed on. */
export function versionedEdit(uri: string, version: number, edits: Array<LspTextEdit | SnippetEdit>, caps: EditCapabilities): WorkspaceEdit {
  if (caps.documentChanges) {
    return { documentChanges: [{ textDocument: { uri, version }, edits: edits as LspTextEdit[] }] };
  }
  // without versioned edits, snippets cannot be sent either: callers only pass plain edits then
  return { changes: { [uri]: edits as LspTextEdit[] } };
}

/** LSP 3.18 SnippetTextEdit (declared here to stay independent of the protocol package's typings). */
interface SnippetEdit {
  range: Range;
  snippet: { kind: 'snippet'; value: string };
}

function titleOf(fix: Fix): string {
  if (fix.applicability === 'unsafe') return `${fix.title} (unsafe)`;
  if (fix.applicability === 'display-only') return `${fix.title} (suggestion)`;
  return fix.title;
}

export function fixEdit(state: LintState, fix: Fix, caps: EditCapabilities): WorkspaceEdit {
  if (fix.snippet && fix.snippet.length && caps.snippets && caps.documentChanges) {
    const edits: SnippetEdit[] = [...fix.snippet]
      .sort((a, b) => a.start - b.start)
      .map((e) => ({ range: toRange(state.lines, e.start, e.end), snippet: { kind: 'snippet', value: e.newText } }));
    return versionedEdit(state.uri, state.version, edits, caps);
  }
  const edit = versionedEdit(state.uri, state.version, toLspEdits(state.lines, fix.edits), caps);
  return withOtherFiles(edit, fix, caps);
}

/**
 * A fix's edits of other files (a settings module, package.json) join the same WorkspaceEdit, so
 * the refactor preview shows both files and one undo reverts both. Their offsets were computed
 * on the file's text on disk; a file that cannot be read drops the whole fix rather than half of it.
 * A file the fix creates (`FileEdits.create`, a first `.env.example`) is a `create` operation
 * before its edits; a client that cannot create files gets the fix without it, or no fix when the
 * file is `required` (a new module the fix imports).
 */
function withOtherFiles(edit: WorkspaceEdit, fix: Fix, caps: EditCapabilities): WorkspaceEdit {
  if (!fix.fileEdits?.length) return edit;
  for (const fe of fix.fileEdits) {
    let text: string;
    let create = false;
    try {
      text = fs.readFileSync(fe.path, 'utf8');
    } catch (e) {
      if (!fe.create || (e as NodeJS.ErrnoException).code !== 'ENOENT') return { changes: {} };
      if (!edit.documentChanges || !caps.createFiles) {
        if (fe.required) return { changes: {} };
        continue;
      }
      text = '';
      create = true;
    }
    const uri = pathToFileURL(fe.path).toString();
    const edits = toLspEdits(new LineIndex(text), fe.edits);
    if (edit.documentChanges) {
      if (create) edit.documentChanges.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
      edit.documentChanges.push({ textDocument: { uri, version: null }, edits });
    } else edit.changes = { ...(edit.changes ?? {}), [uri]: edits };
  }
  return edit;
}

const SUPPRESS_RE = /^(\s*)(#|\/\/)\s*shipguard:\s*ignore\[([^\]]*)\]/;

/** The edit that suppresses a finding: a comment on the line above its statement, with the statement's indentation. */
export function suppressionEdit(state: LintState, f: Finding, caps: EditCapabilities): WorkspaceEdit {
  const { lines, text } = state;
  const python = state.file?.language === 'python';
  const comment = python ? '#' : '//';
  const line = lines.lineOf(f.stmtStart ?? f.start);
  // an existing suppression comment on the line above: add the id to it
  if (line > 0) {
    const above = lines.lineText(line - 1);
    const m = SUPPRESS_RE.exec(above);
    if (m && m[2] === comment) {
      const ids = m[3].split(',').map((s) => s.trim()).filter(Boolean);
      if (!ids.includes(f.ruleId)) {
        const close = lines.lineStart(line - 1) + m[0].length - 1; // the `]`
        const insert = ids.length ? `, ${f.ruleId}` : f.ruleId;
        return versionedEdit(state.uri, state.version, [{ range: toRange(lines, close, close), newText: insert }], caps);
      }
    }
  }
  const lineStart = lines.lineStart(line);
  const indent = /^[ \t]*/.exec(lines.lineText(line))![0];
  const eol = detectEol(text);
  const head = `${indent}${comment} shipguard: ignore[${f.ruleId}] `;
  const range = toRange(lines, lineStart, lineStart);
  if (caps.snippets && caps.documentChanges) {
    const value = `${head.replace(/[$}\\]/g, '\\$&')}\${1:reason this is safe}${eol}`;
    return versionedEdit(state.uri, state.version, [{ range, snippet: { kind: 'snippet', value } }], caps);
  }
  return versionedEdit(state.uri, state.version, [{ range, newText: `${head}TODO: reason this is safe${eol}` }], caps);
}

function overlaps(f: Finding, start: number, end: number): boolean {
  return f.start <= end && f.end >= start;
}

/** The diagnostic of the request that stands for this finding, or a fresh one. */
function diagnosticFor(f: Finding, state: LintState, given: readonly Diagnostic[]): Diagnostic {
  const r = toRange(state.lines, f.start, f.end);
  const match = given.find(
    (d) =>
      d.source === SOURCE &&
      d.code === f.ruleId &&
      d.range.start.line === r.start.line &&
      d.range.start.character === r.start.character &&
      d.range.end.line === r.end.line &&
      d.range.end.character === r.end.character,
  );
  return match ?? toDiagnostic(f, state.lines, state.version);
}

export interface CodeActionInput {
  state: LintState;
  range: Range;
  only?: readonly string[];
  diagnostics: readonly Diagnostic[];
  caps: EditCapabilities;
  /** Findings with verified fixes for the state's version, for the rules reporting in [start, end]. */
  findings: (start: number, end: number) => Finding[];
  /** Whether a rule can fix anything (to offer "fix all" without computing every fix). */
  fixable: (ruleId: string) => boolean;
  /** Fixed text of the whole file (fix-all), or null when nothing changes. */
  fixAllText: () => string | null;
}

export function buildCodeActions(input: CodeActionInput): CodeAction[] {
  const { state, range, only, caps } = input;
  const actions: CodeAction[] = [];
  if (state.skipped || !state.file) return actions;
  const onlyFixAll = !!only?.length && !kindWanted(only, CodeActionKind.QuickFix);

  if (!onlyFixAll && kindWanted(only, CodeActionKind.QuickFix)) {
    const start = state.lines.offsetAt(range.start);
    const end = state.lines.offsetAt(range.end);
    const findings = input.findings(start, end).filter((f) => overlaps(f, start, end));
    const suppressed = new Set<string>();
    const documented = new Set<string>();
    const rest: CodeAction[] = [];
    for (const f of findings) {
      const diag = diagnosticFor(f, state, input.diagnostics);
      f.fixes.forEach((fix) => {
        actions.push({
          title: titleOf(fix),
          kind: CodeActionKind.QuickFix,
          diagnostics: [diag],
          isPreferred: fix.applicability === 'safe',
          edit: fixEdit(state, fix, caps),
        });
      });
      if (f.ruleId === UNUSED_SUPPRESSION.id) continue;
      const stmtLine = state.lines.lineOf(f.stmtStart ?? f.start);
      const key = `${f.ruleId}:${stmtLine}`;
      if (!suppressed.has(key)) {
        suppressed.add(key);
        rest.push({
          title: `Suppress ${f.ruleId} on this line`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diag],
          edit: suppressionEdit(state, f, caps),
        });
      }
      if (!documented.has(f.ruleId)) {
        documented.add(f.ruleId);
        rest.push({
          title: `Show documentation for ${f.ruleId}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diag],
          command: { title: `Show documentation for ${f.ruleId}`, command: ClientCommands.showRuleDocs, arguments: [f.ruleId] },
        });
      }
    }
    // "fix all" next to the single fixes, when there is more than one fixable finding in the file
    if (findings.some((f) => f.fixes.some((x) => x.applicability === 'safe' && !x.needsInput))) {
      const fixable = state.findings.filter((f) => input.fixable(f.ruleId)).length;
      if (fixable > 1) {
        rest.push({
          title: 'Fix all safe shipguard issues in this file',
          kind: CodeActionKind.QuickFix,
          command: { title: 'Fix all safe shipguard issues', command: ServerCommands.fixAll, arguments: [{ uri: state.uri, version: state.version }] },
        });
      }
    }
    actions.push(...rest);
  }

  // source.fixAll.shipguard only when asked for explicitly (on save, or the Source Action menu)
  if (only?.length && kindWanted(only, FIX_ALL_KIND)) {
    const fixed = input.fixAllText();
    if (fixed !== null) {
      const edits = toLspEdits(state.lines, diffToEdits(state.text, fixed));
      actions.push({
        title: state.settings.unsafeFixes ? 'Fix all shipguard issues (safe and unsafe)' : 'Fix all safe shipguard issues',
        kind: FIX_ALL_KIND,
        edit: versionedEdit(state.uri, state.version, edits, caps),
      });
    }
  }
  return actions;
}
