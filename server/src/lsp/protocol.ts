/**
 * What the client and the server agree on: command ids, custom request
 * methods and their payloads. Plain data only (no imports), so the client
 * bundle can include this file without pulling in the engine.
 *
 * Two kinds of commands:
 * - `ClientCommands` are VS Code commands contributed in package.json and
 *   registered by the client (palette entries).
 * - `ServerCommands` are `workspace/executeCommand` commands the server
 *   implements. They have different ids because vscode-languageclient
 *   registers a VS Code command for every server command, which would clash
 *   with the client's own registration.
 */

export const ClientCommands = {
  scanWorkspace: 'shipguard.scanWorkspace',
  applyCodemod: 'shipguard.applyCodemod',
  fixAllInFile: 'shipguard.fixAllInFile',
  showRuleDocs: 'shipguard.showRuleDocs',
  restartServer: 'shipguard.restartServer',
  showOutput: 'shipguard.showOutput',
  showReport: 'shipguard.showReport',
} as const;

export const ServerCommands = {
  /** args: [{ uri, version? }]: applies every safe fix (unsafe too with `shipguard.unsafeFixes`) through workspace/applyEdit. */
  fixAll: 'shipguard.server.fixAll',
  /** args: [ApplyFixArgs]: applies one fix of one finding (for clients that run commands rather than edits). */
  applyFix: 'shipguard.server.applyFix',
  /** args: []: lints every file of the workspace folders with progress; resolves to ScanSummary. */
  scanWorkspace: 'shipguard.server.scanWorkspace',
  /**
   * args: [ReportArgs?]: scans the workspace (diagnostics refreshed too), runs the project-level
   * checks and resolves to ReportResult: the readiness report's JSON, and its HTML when asked.
   */
  report: 'shipguard.server.report',
} as const;

export const SERVER_COMMAND_IDS: string[] = Object.values(ServerCommands);

/** The code action kind of "fix all" (`editor.codeActionsOnSave: { "source.fixAll.shipguard": "explicit" }`). */
export const FIX_ALL_KIND = 'source.fixAll.shipguard';

export interface ApplyFixArgs {
  uri: string;
  version: number;
  ruleId: string;
  /** UTF-16 offsets of the finding. */
  start: number;
  end: number;
  /** Index into the finding's fixes. */
  fixIndex: number;
}

export interface ScanSummary {
  files: number;
  findings: number;
  skipped: number;
  cancelled: boolean;
  millis: number;
}

export interface ReportArgs {
  /** 'html' adds the rendered page to the result; 'json' (default) only the data. */
  format?: 'json' | 'html';
  /** For a webview: the page's CSP admits only this nonce's style and script, and its links post `{ type: 'open', file, line }`. */
  nonce?: string;
}

export interface ReportResult {
  /** The readiness report's JSON shape (server/src/report/build.ts `ReadinessReport`); `root` is the absolute folder its paths are relative to. */
  report: { root: string; summary: { findings: number; projectFindings: number; critical: number; high: number; medium: number; blocking: number } } & Record<string, unknown>;
  html?: string;
  cancelled: boolean;
}

/** `shipguard/rules`: the rule catalogue, for quick picks. */
export const RulesRequestMethod = 'shipguard/rules';
export interface RuleInfo {
  id: string;
  summary: string;
  family: string;
  languages: string[];
  /** Whether the rule can fix anything automatically. */
  fixable: boolean;
  /** The safest its fixes get: 'unsafe' means "Safe fixes only" never fixes anything of this rule. */
  fixSafety?: 'safe' | 'unsafe' | 'display-only';
}

/** `shipguard/ruleDocs`: a rule's documentation as markdown (and the path of its page when shipped). */
export const RuleDocsRequestMethod = 'shipguard/ruleDocs';
export interface RuleDocsParams {
  id: string;
}
export interface RuleDocsResult {
  markdown: string;
  /** file: URI of docs/rules/<id>.md inside the extension, when that file exists. */
  uri: string | null;
}

/**
 * `shipguard/codemodEdit`: the workspace edit that applies one rule's fixes to
 * every file of the workspace. Each file's edits carry a change annotation
 * naming the rule (no `needsConfirmation`: the client decides whether the
 * user reviews the edit in the refactor preview first).
 */
export const CodemodEditRequestMethod = 'shipguard/codemodEdit';
export interface CodemodEditParams {
  ruleId: string;
  unsafe: boolean;
}
export interface CodemodEditResult {
  /** An LSP WorkspaceEdit (kept untyped here so this file needs no imports). */
  edit: unknown;
  files: number;
  fixes: number;
  /** The fixes in each file's edits, so the client can count what was applied (the user may untick files in the preview). */
  perFile: Array<{ uri: string; fixes: number }>;
  /** Findings left unfixed because their fix needs a value only a human can give (quick fix one by one). */
  needsInput: number;
  cancelled: boolean;
}

/** `shipguard/status` notification from the server: what the status bar shows. */
export const StatusNotificationMethod = 'shipguard/status';
export interface StatusParams {
  state: 'ready' | 'busy' | 'error';
  text: string;
}
