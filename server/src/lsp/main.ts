/**
 * The shipguard language server: LSP wiring only. Linting, fixes and docs are
 * the engine's; this file translates LSP messages into engine calls and back.
 *
 * Transports: ipc when VS Code starts it (`--node-ipc`), stdio for every other
 * editor (`node server/out/server.js --stdio`, `shipguard lsp --stdio`).
 *
 * Every handler is wrapped so that an exception is logged and answered with
 * an empty result: an input file must never take the server down.
 */
import * as fs from 'node:fs';
import {
  createConnection,
  ErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MarkupKind,
  RequestType,
  RequestType0,
  NotificationType,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type Hover,
  type InitializeResult,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { initPython } from '../lang/python/parser';
import { loadJsParser } from '../lang/js/parser';
import { RULES } from '../rules';
import { RuleRegistry } from '../engine/registry';
import { decodeSource, languageOf, looksMinified } from '../engine/files';
import { lint } from '../engine/lint';
import { LineIndex } from '../text/positions';
import { renderHover, renderRuleMarkdown, summary } from '../docs/render';
import type { Finding } from '../engine/types';
import { SettingsCache, canonicalUri, uriToPath } from './settings';
import { DocumentStates, applyContentChanges, type LintState } from './documents';
import { checkDiagnostic, ruleDocsPath, ruleDocsUri, toDiagnostic, toLspEdits } from './diagnostics';
import { buildCodeActions, fixEdit, versionedEdit, type EditCapabilities } from './codeActions';
import { fileUri, WorkspaceScanner, type Progress } from './scan';
import { IdleCollector } from './memory';
import {
  CodemodEditRequestMethod,
  FIX_ALL_KIND,
  RuleDocsRequestMethod,
  RulesRequestMethod,
  SERVER_COMMAND_IDS,
  ServerCommands,
  ClientCommands,
  StatusNotificationMethod,
  type ApplyFixArgs,
  type CodemodEditParams,
  type CodemodEditResult,
  type RuleDocsParams,
  type RuleDocsResult,
  type RuleInfo,
  type ReportArgs,
  type ReportResult,
  type ScanSummary,
  type StatusParams,
} from './protocol';
import * as path from 'node:path';
import pkg from '../../../package.json';
import { discoverFiles } from '../engine/discovery';
import { type FileReport } from '../engine/report';
import type { EffectiveSettings } from './settings';
import { CHECKS } from '../checks';
import { buildReport, projectContext, runChecks, type ReportCheckEntry } from '../report/build';
import { renderHtml } from '../report/render';

const VERSION: string = pkg.version;
import { diffToEdits } from '../text/edits';

/** Debounce between a keystroke and linting. */
export const LINT_DELAY_MS = 150;

/** Files whose change alters the configuration. */
const CONFIG_FILES = ['.shipguard.json', 'pyproject.toml', 'package.json'];

export interface StartOptions {
  /** Streams to speak over (tests, embedding); default: the transport named on the command line, else stdio. */
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

const RulesRequest = new RequestType0<RuleInfo[], void>(RulesRequestMethod);
const RuleDocsRequest = new RequestType<RuleDocsParams, RuleDocsResult | null, void>(RuleDocsRequestMethod);
const CodemodEditRequest = new RequestType<CodemodEditParams, CodemodEditResult, void>(CodemodEditRequestMethod);
const StatusNotification = new NotificationType<StatusParams>(StatusNotificationMethod);

function createServerConnection(opts: StartOptions): Connection {
  if (opts.input && opts.output) return createConnection(ProposedFeatures.all, opts.input, opts.output);
  const named = process.argv.slice(2).some((a) => /^--(stdio|node-ipc|socket|pipe)\b/.test(a));
  // no transport named: stdio, with console output redirected to the client like `--stdio` does
  if (!named) process.argv.push('--stdio');
  return createConnection(ProposedFeatures.all);
}

/** Starts the language server and returns its connection (already listening). */
export function startServer(opts: StartOptions = {}): Connection {
  const connection = createServerConnection(opts);
  /** Changes that came with an older version than the document has, dropped (see below). */
  let staleChanges = 0;
  const documents = new TextDocuments({
    create: TextDocument.create,
    // versions only grow (LSP): a change carrying an older version than the document's was
    // overtaken by a newer one, and applying it would put old text (and old diagnostics) back
    update: (doc, changes, version) => {
      if (version < doc.version) {
        staleChanges++;
        if (staleChanges <= 5 || staleChanges % 100 === 0) log(`ignored a change to ${doc.uri} for version ${version}: the document is at version ${doc.version} (${staleChanges} so far)`);
        return doc;
      }
      const { doc: updated, edits } = applyContentChanges(doc, changes, version);
      states.edited(updated.uri, updated.getText(), edits);
      return updated;
    },
  });
  const registry = new RuleRegistry(RULES);

  let folders: string[] = [];
  let shutDown = false;
  /** The config errors last shown per folder, so each is shown once, not on every re-read. */
  const shownConfigErrors = new Map<string, string>();
  let configurationCapability = false;
  let watchedFilesDynamic = false;
  let workDoneProgressCapability = false;
  const caps: EditCapabilities = { documentChanges: false, snippets: false };

  const log = (message: string) => {
    try {
      connection.console.log(message);
    } catch {
      // the connection is gone: nothing to log to
    }
  };
  const logError = (where: string, e: unknown) => log(`error in ${where}: ${(e as Error)?.stack ?? String(e)}`);

  /** Wraps a handler: exceptions are logged and turn into `fallback`. */
  function guard<A extends unknown[], R>(where: string, fallback: R, fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
    return async (...args: A) => {
      // after `shutdown` the protocol asks for InvalidRequest on every request but `exit`
      if (shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, 'the shipguard server has shut down');
      try {
        return await fn(...args);
      } catch (e) {
        logError(where, e);
        return fallback;
      }
    };
  }

  const settings = new SettingsCache({
    fetch: async (scopeUri) => {
      if (!configurationCapability) return null;
      const v: unknown = await connection.workspace.getConfiguration({ scopeUri, section: 'shipguard' });
      return v && typeof v === 'object' ? (v as Record<string, never>) : null;
    },
    folders: () => folders,
    log,
    configErrors: (folder, errors) => {
      const key = errors.join('\n');
      if (shownConfigErrors.get(folder) === key) return;
      shownConfigErrors.set(folder, key);
      if (!errors.length) return;
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more in the shipguard output)` : '';
      // a notification, not showMessageRequest: nothing to answer, nothing to wait for
      void connection
        .sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: `shipguard: the configuration has errors and is not used (defaults apply): ${errors[0]}${more}` })
        .catch(() => undefined);
    },
  });
  const states = new DocumentStates(() => RULES, log);
  /** A full collection once a burst of analysis is over (see memory.ts). */
  const collector = new IdleCollector();
  const timers = new Map<string, NodeJS.Timeout>();
  /** Documents seen open (the first content event lints at once, later ones after the debounce). */
  const known = new Set<string>();

  const status = (state: StatusParams['state'], text: string) => {
    void connection.sendNotification(StatusNotification, { state, text }).catch(() => undefined);
  };

  /** The rules' diagnostics last published per file, and the project-level checks' findings on files (from the last readiness report). */
  const ruleDiagnostics = new Map<string, { diagnostics: Diagnostic[]; version?: number }>();
  let checkDiagnostics = new Map<string, Diagnostic[]>();
  const send = (uri: string) => {
    const own = ruleDiagnostics.get(uri);
    const diagnostics = [...(own?.diagnostics ?? []), ...(checkDiagnostics.get(uri) ?? [])];
    if (!own?.diagnostics.length) ruleDiagnostics.delete(uri);
    void connection.sendDiagnostics({ uri, version: own?.version, diagnostics }).catch((e: unknown) => logError('publishDiagnostics', e));
  };
  const publish = (uri: string, diagnostics: Diagnostic[], version?: number) => {
    ruleDiagnostics.set(uri, { diagnostics, version });
    send(uri);
  };
  /** Shows the checks' findings that name a file on that file, and clears those no longer found. */
  const publishChecks = (root: string, findings: readonly ReportCheckEntry[]) => {
    const next = new Map<string, Diagnostic[]>();
    for (const f of findings) {
      if (!f.file) continue;
      const fsPath = path.resolve(root, f.file);
      let lineText = '';
      try {
        lineText = fs.readFileSync(fsPath, 'utf8').split(/\r?\n/)[(f.line ?? 1) - 1] ?? '';
      } catch {
        // shown at the line's start
      }
      const uri = fileUri(fsPath);
      next.set(uri, [...(next.get(uri) ?? []), checkDiagnostic(f, lineText)]);
    }
    const touched = new Set([...checkDiagnostics.keys(), ...next.keys()]);
    checkDiagnostics = next;
    for (const uri of touched) send(uri);
  };

  const scanner = new WorkspaceScanner({
    folders: () => folders,
    settingsFor: (folder) => settings.get(fileUri(folder)),
    openText: (uri) => {
      const d = documents.get(uri) ?? documents.all().find((x) => canonicalUri(x.uri) === uri);
      return d ? { text: d.getText(), version: d.version } : undefined;
    },
    publish: (uri, diags) => publish(uri, diags),
    log,
    rules: () => RULES,
  });

  // ------------------------------------------------------------------ linting

  /** Lints the document's current version now, publishes, and returns the state (undefined when it is gone). */
  async function validate(uri: string): Promise<LintState | undefined> {
    const t = timers.get(uri);
    if (t) {
      clearTimeout(t);
      timers.delete(uri);
    }
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const cached = states.current(doc);
    if (cached) return cached;
    const version = doc.version;
    // a client may open documents before `initialize` has finished loading the parser
    if (doc.languageId === 'python') await initPython().catch(() => undefined);
    const s = await settings.get(uri);
    const cur = documents.get(uri);
    if (!cur || cur.version !== version) return cur ? validate(uri) : undefined;
    const again = states.current(cur);
    if (again) return again; // linted meanwhile by a concurrent request
    const state = states.analyse(cur, s);
    collector.note(state.text.length);
    publish(uri, state.findings.map((f) => toDiagnostic(f, state.lines, state.version)), state.version);
    return state;
  }

  const validateGuarded = guard('lint', undefined, validate);

  function schedule(uri: string): void {
    const t = timers.get(uri);
    if (t) clearTimeout(t);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void validateGuarded(uri);
      }, LINT_DELAY_MS),
    );
  }

  function relintAll(): void {
    states.clear();
    for (const d of documents.all()) void validateGuarded(d.uri);
  }

  /** Lints a closed file from disk (its scan result is kept fresh), or clears it. */
  async function publishClosed(uri: string): Promise<void> {
    const fsPath = uriToPath(uri);
    if (!fsPath || !scanner.resultFor(uri) || !languageOf(fsPath)) {
      publish(uri, []);
      return;
    }
    const s = await settings.get(uri);
    let diags: Diagnostic[] = [];
    try {
      const decoded = decodeSource(fsPath, fs.readFileSync(fsPath), s.config.maxFileSize);
      if (decoded.ok && s.enable && !s.excluded(fsPath) && !looksMinified(decoded.file.text)) {
        const lines = new LineIndex(decoded.file.text);
        const res = lint(decoded.file, { rules: RULES, config: s.config, computeFixes: false, log });
        diags = res.findings.map((f) => toDiagnostic(f, lines, 0));
      }
    } catch {
      diags = [];
    }
    if (documents.get(uri)) return; // reopened meanwhile
    scanner.setResult(uri, diags);
    publish(uri, diags);
  }

  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    if (!known.has(uri)) {
      known.add(uri);
      void validateGuarded(uri); // just opened: at once
    } else schedule(uri);
  });

  documents.onDidClose((e) => {
    const uri = e.document.uri;
    known.delete(uri);
    const t = timers.get(uri);
    if (t) clearTimeout(t);
    timers.delete(uri);
    states.delete(uri);
    void guard('close', undefined, publishClosed)(uri);
  });

  // ------------------------------------------------------------------ lifecycle

  connection.onInitialize(
    guard('initialize', { capabilities: {} } as InitializeResult, async (params) => {
      const c = params.capabilities;
      configurationCapability = !!c.workspace?.configuration;
      watchedFilesDynamic = !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration;
      workDoneProgressCapability = !!c.window?.workDoneProgress;
      caps.documentChanges = !!c.workspace?.workspaceEdit?.documentChanges;
      caps.createFiles = !!c.workspace?.workspaceEdit?.resourceOperations?.includes('create');
      caps.snippets = !!(c.workspace?.workspaceEdit as { snippetEditSupport?: boolean } | undefined)?.snippetEditSupport;
      const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
      folders = uris.map(uriToPath).filter((p): p is string => !!p);
      try {
        await initPython();
      } catch (e) {
        logError('initialising the Python parser (Python files will not be linted)', e);
      }
      // a JS/TS project's files will be opened: load the compiler before the first one is
      if (folders.some(inJsProject)) {
        try {
          loadJsParser();
        } catch (e) {
          logError('loading the TypeScript compiler (JS/TS files will not be linted)', e);
        }
      }
      const result: InitializeResult = {
        capabilities: {
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
          hoverProvider: true,
          codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
          executeCommandProvider: { commands: SERVER_COMMAND_IDS },
          workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        },
        serverInfo: { name: 'shipguard', version: '0.1.0' },
      };
      return result;
    }),
  );

  connection.onInitialized(
    guard('initialized', undefined, async () => {
      if (configurationCapability) {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'shipguard' });
      }
      if (watchedFilesDynamic) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: CONFIG_FILES.map((f) => ({ globPattern: `**/${f}` })),
        });
      }
      try {
        connection.workspace.onDidChangeWorkspaceFolders(
          guard('workspaceFolders', undefined, (e) => {
            const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
            folders = folders.filter((f) => !removed.has(f));
            for (const f of e.added) {
              const p = uriToPath(f.uri);
              if (p && !folders.includes(p)) folders.push(p);
            }
            settings.clear();
            relintAll();
          }),
        );
      } catch {
        // the client does not announce folder changes
      }
      log(`shipguard server ready: ${RULES.length} rules, folders: ${folders.join(', ') || '(none)'}`);
      status('ready', 'shipguard');
    }),
  );

  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', undefined, (params) => {
      const pushed = (params.settings as { shipguard?: unknown } | null | undefined)?.shipguard;
      settings.clear(pushed ?? null);
      relintAll();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('didChangeWatchedFiles', undefined, (params) => {
      const configChanged = params.changes.some((c) => CONFIG_FILES.some((f) => c.uri.endsWith(`/${f}`)));
      if (configChanged) {
        log('configuration file changed: linting open files again');
        settings.clear();
        relintAll();
      }
    }),
  );

  connection.onShutdown(() => {
    shutDown = true;
    collector.dispose();
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
  });

  // ------------------------------------------------------------------ hover

  connection.onHover(
    guard('hover', null as Hover | null, async (params) => {
      const state = await validate(params.textDocument.uri);
      if (!state || state.skipped) return null;
      const offset = state.lines.offsetAt(params.position);
      const hits = state.findings.filter((f) => f.start <= offset && offset <= f.end);
      if (!hits.length) return null;
      const parts: string[] = [];
      const seen = new Set<string>();
      for (const f of hits) {
        const key = `${f.ruleId}\0${f.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const rule = registry.get(f.ruleId);
        parts.push(rule ? renderHover(rule, f.message) : `**shipguard · ${f.ruleId}**: ${f.message}`);
      }
      const first = hits[0];
      return {
        contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') },
        range: { start: state.lines.positionAt(first.start), end: state.lines.positionAt(first.end) },
      };
    }),
  );

  // ------------------------------------------------------------------ code actions

  connection.onCodeAction(
    guard('codeAction', [], async (params) => {
      const state = await validate(params.textDocument.uri);
      if (!state) return [];
      collector.note(state.text.length);
      return buildCodeActions({
        state,
        range: params.range,
        only: params.context.only,
        diagnostics: params.context.diagnostics,
        caps,
        findings: (start, end) => states.withFixes(state, start, end),
        fixable: (id) => {
          const r = registry.get(id);
          return !!r?.fix && r.fix.availability !== 'none';
        },
        fixAllText: () => states.fixAllText(state),
      });
    }),
  );

  // ------------------------------------------------------------------ commands

  async function progressFor(title: string, token: CancellationToken): Promise<{ progress: Progress; token: CancellationToken; done(): void }> {
    let last = -1;
    let lastAt = 0;
    if (workDoneProgressCapability) {
      try {
        const reporter = await connection.window.createWorkDoneProgress();
        reporter.begin(title, 0, undefined, true);
        const combined: CancellationToken = {
          get isCancellationRequested() {
            return token.isCancellationRequested || reporter.token.isCancellationRequested;
          },
          onCancellationRequested: reporter.token.onCancellationRequested,
        };
        return {
          progress: {
            report(pct, message) {
              // one message per percent, or a few per second for long steps
              const now = Date.now();
              if (pct === last && now - lastAt < 250) return;
              last = pct;
              lastAt = now;
              const clamped = Math.max(0, Math.min(100, pct));
              if (message === undefined) reporter.report(clamped);
              else reporter.report(clamped, message);
              status('busy', `${title} ${clamped}%`);
            },
          },
          token: combined,
          done() {
            reporter.done();
            status('ready', 'shipguard');
          },
        };
      } catch (e) {
        logError('creating progress', e);
      }
    }
    return {
      progress: {
        report(pct) {
          if (pct !== last) status('busy', `${title} ${pct}%`);
          last = pct;
        },
      },
      token,
      done: () => status('ready', 'shipguard'),
    };
  }

  let runningScan: Promise<ScanSummary> | null = null;

  async function scanWorkspace(token: CancellationToken): Promise<ScanSummary> {
    if (runningScan) return runningScan;
    runningScan = (async () => {
      const p = await progressFor('shipguard: scanning workspace', token);
      try {
        return await scanner.scan(p.progress, p.token);
      } finally {
        collector.burst();
        p.done();
      }
    })();
    try {
      return await runningScan;
    } finally {
      runningScan = null;
    }
  }

  /**
   * The readiness report: a workspace scan with fixes (the Problems panel refreshed as by
   * "Scan Workspace"), the project-level checks over each folder's files, built and rendered by
   * `report/` as the CLI's `shipguard report` does. Paths are relative to the first folder.
   */
  async function readinessReport(args: ReportArgs | undefined, token: CancellationToken): Promise<ReportResult> {
    const groups: Array<{ folder: string; settings: EffectiveSettings; reports: FileReport[] }> = [];
    const p = await progressFor('shipguard: readiness report', token);
    let summary: ScanSummary;
    try {
      summary = await scanner.scan(p.progress, p.token, {
        computeFixes: true,
        onReports: (folder, settings, reports) => {
          let g = groups.find((x) => x.folder === folder);
          if (!g) groups.push((g = { folder, settings, reports: [] }));
          g.reports.push(...reports);
        },
      });
    } finally {
      collector.burst();
      p.done();
    }
    const root = folders[0] ?? groups[0]?.folder ?? process.cwd();
    const project: { findings: ReportCheckEntry[]; failed: string[] } = { findings: [], failed: [] };
    await initPython();
    for (const g of groups) {
      const files = discoverFiles([g.folder], { root: g.folder, config: g.settings.config, anyFile: true }).files;
      const res = runChecks(CHECKS, projectContext(g.folder, files, g.settings.config.maxFileSize), log);
      const prefix = path.relative(root, g.folder).split(path.sep).join('/');
      for (const f of res.findings) project.findings.push(f.file && prefix && !prefix.startsWith('..') ? { ...f, file: `${prefix}/${f.file}` } : f);
      project.failed.push(...res.failed);
    }
    publishChecks(root, project.findings);
    const report = buildReport({ version: VERSION, root, reports: groups.flatMap((g) => g.reports), rules: registry.all(), project });
    const nonce = typeof args?.nonce === 'string' && /^[A-Za-z0-9+/=_-]{8,128}$/.test(args.nonce) ? args.nonce : undefined;
    return {
      report: report as unknown as ReportResult['report'],
      html: args?.format === 'html' ? renderHtml(report, nonce ? { webview: { nonce } } : {}) : undefined,
      cancelled: summary.cancelled,
    };
  }

  async function applyWorkspaceEdit(label: string, edit: WorkspaceEdit): Promise<boolean> {
    const res = await connection.workspace.applyEdit({ label, edit });
    if (!res.applied) log(`${label}: not applied${res.failureReason ? ` (${res.failureReason})` : ''}`);
    return res.applied;
  }

  async function fixAll(args: { uri?: string; version?: number } | undefined): Promise<boolean> {
    const uri = args?.uri;
    if (!uri) return false;
    const doc = documents.get(uri);
    if (!doc) return false;
    if (typeof args.version === 'number' && args.version !== doc.version) {
      log(`fix all: ${uri} changed since the command was offered (version ${args.version}, now ${doc.version}); nothing done`);
      return false;
    }
    const state = await validate(uri);
    if (!state) return false;
    const fixed = states.fixAllText(state);
    collector.note(state.text.length);
    if (fixed === null) {
      void connection.window.showInformationMessage('shipguard: nothing to fix automatically in this file.');
      return false;
    }
    const edits = toLspEdits(state.lines, diffToEdits(state.text, fixed));
    return applyWorkspaceEdit('shipguard: fix all', versionedEdit(uri, state.version, edits, caps));
  }

  async function applyFix(args: ApplyFixArgs | undefined): Promise<boolean> {
    if (!args?.uri) return false;
    const doc = documents.get(args.uri);
    if (!doc || doc.version !== args.version) return false;
    const state = await validate(args.uri);
    if (!state) return false;
    const f: Finding | undefined = states
      .withFixes(state, args.start, args.end)
      .find((x) => x.ruleId === args.ruleId && x.start === args.start && x.end === args.end);
    const fix = f?.fixes[args.fixIndex];
    if (!fix) return false;
    return applyWorkspaceEdit(`shipguard: ${fix.title}`, fixEdit(state, fix, caps));
  }

  connection.onExecuteCommand(
    guard('executeCommand', null as unknown, async (params, token) => {
      const arg = params.arguments?.[0];
      switch (params.command) {
        case ServerCommands.fixAll:
          return fixAll(arg as { uri?: string; version?: number });
        case ServerCommands.applyFix:
          return applyFix(arg as ApplyFixArgs);
        case ServerCommands.scanWorkspace:
          return scanWorkspace(token);
        case ServerCommands.report:
          return readinessReport(arg as ReportArgs | undefined, token);
        case ClientCommands.showRuleDocs: {
          // editors other than VS Code send the "Show documentation" action's command here
          const id = typeof arg === 'string' ? arg : '';
          if (!registry.get(id)) return null;
          if (fs.existsSync(ruleDocsPath(id))) await connection.window.showDocument({ uri: ruleDocsUri(id), takeFocus: true });
          return null;
        }
        default:
          log(`unknown command ${params.command}`);
          return null;
      }
    }),
  );

  connection.onRequest(
    RulesRequest,
    guard('shipguard/rules', [] as RuleInfo[], () =>
      registry.all().map((r) => ({
        id: r.id,
        summary: summary(r),
        family: r.family,
        languages: [...r.languages],
        fixable: !!r.fix && r.fix.availability !== 'none',
        fixSafety: r.fix && r.fix.availability !== 'none' ? r.fix.maxApplicability : undefined,
      })),
    ),
  );

  connection.onRequest(
    RuleDocsRequest,
    guard('shipguard/ruleDocs', null as RuleDocsResult | null, (params) => {
      const rule = registry.get(params?.id ?? '');
      if (!rule) return null;
      return { markdown: renderRuleMarkdown(rule), uri: fs.existsSync(ruleDocsPath(rule.id)) ? ruleDocsUri(rule.id) : null };
    }),
  );

  connection.onRequest(
    CodemodEditRequest,
    guard('shipguard/codemodEdit', { edit: { documentChanges: [] }, files: 0, fixes: 0, perFile: [], needsInput: 0, cancelled: false } as CodemodEditResult, async (params, token) => {
      const p = await progressFor(`shipguard: ${params.ruleId}`, token);
      try {
        return await scanner.codemodEdit(params.ruleId, !!params.unsafe, p.progress, p.token);
      } finally {
        collector.burst();
        p.done();
      }
    }),
  );

  // ------------------------------------------------------------------ go

  process.on('uncaughtException', (e) => logError('uncaught exception', e));
  process.on('unhandledRejection', (e) => logError('unhandled rejection', e));

  documents.listen(connection);
  connection.listen();
  return connection;
}

/** A folder inside a JS/TS project: a package.json, tsconfig.json or jsconfig.json in it or a folder above it. */
function inJsProject(folder: string): boolean {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    if (['package.json', 'tsconfig.json', 'jsconfig.json'].some((f) => fs.existsSync(path.join(dir, f)))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}
