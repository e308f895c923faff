/**
 * A client for the built language server, spoken to as a real process over
 * stdio (or node ipc), the way an editor speaks to it: JSON-RPC, versioned
 * documents, every wait a condition with a timeout. Shared by the server's
 * tests (server.test.ts, load.test.ts, fuzz.test.ts).
 */
import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-languageserver/node';
import type { CodeAction, Diagnostic, Hover, PublishDiagnosticsParams, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(ROOT, 'server', 'out', 'server.js');

export function assertBuilt(): void {
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first (npm test does it in pretest)`);
}

interface Waiter {
  check(): boolean;
  resolve(): void;
}

export class Harness {
  readonly proc: cp.ChildProcessWithoutNullStreams;
  readonly conn: MessageConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every diagnostics notification, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  readonly progress: Array<{ token: unknown; value: { kind: string; percentage?: number; message?: string } }> = [];
  readonly applied: WorkspaceEdit[] = [];
  readonly registrations: string[] = [];
  readonly status: Array<{ state: string; text: string }> = [];
  settings: Record<string, unknown> = { enable: true, rules: {}, unsafeFixes: false, exclude: [], maxFileSize: 2_000_000 };
  exitCode: number | null = null;
  private readonly waiters = new Set<Waiter>();
  private readonly exited: Promise<number | null>;
  stderr = '';

  /** `nodeArgs`: options for the server's node (before the script). */
  constructor(nodeArgs: string[] = []) {
    this.proc = cp.spawn(process.execPath, [...nodeArgs, SERVER, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) =>
      this.proc.on('exit', (code) => {
        this.exitCode = code;
        this.poke();
        resolve(code);
      }),
    );
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.diagnostics.set(p.uri, p);
      this.poke();
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.poke();
    });
    this.conn.onNotification('$/progress', (p: Harness['progress'][number]) => {
      this.progress.push(p);
      this.poke();
    });
    this.conn.onNotification('shipguard/status', (p: { state: string; text: string }) => {
      this.status.push(p);
      this.poke();
    });
    this.conn.onNotification('window/showMessage', () => undefined);
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.conn.onRequest('client/registerCapability', (p: { registrations: Array<{ method: string }> }) => {
      for (const r of p.registrations) this.registrations.push(r.method);
      this.poke();
      return null;
    });
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      this.applied.push(p.edit);
      this.poke();
      return { applied: true };
    });
    this.conn.listen();
  }

  private poke(): void {
    for (const w of [...this.waiters]) {
      if (w.check()) {
        this.waiters.delete(w);
        w.resolve();
      }
    }
  }

  /** Resolves once `cond` holds (checked now and after every message), or fails after `ms`. */
  waitFor(what: string, cond: () => boolean, ms = 10_000): Promise<void> {
    if (cond()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const w: Waiter = {
        check: cond,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(w);
        reject(new Error(`timed out waiting for ${what}\nserver log:\n${this.logs.slice(-20).join('\n')}\nstderr:\n${this.stderr}`));
      }, ms);
      this.waiters.add(w);
    });
  }

  /** Waits for diagnostics of this uri at exactly this version. */
  async diagnosticsFor(uri: string, version: number): Promise<Diagnostic[]> {
    await this.waitFor(`diagnostics of ${path.basename(uri)} v${version}`, () => this.diagnostics.get(uri)?.version === version);
    return this.diagnostics.get(uri)!.diagnostics;
  }

  async initialize(folder: string): Promise<unknown> {
    const res = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'ws' }],
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: true, resourceOperations: ['create'], changeAnnotationSupport: { groupsOnLabel: true } },
        },
        window: { workDoneProgress: true, showDocument: { support: true } },
        textDocument: {
          publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true, tagSupport: { valueSet: [1, 2] } },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
    });
    await this.conn.sendNotification('initialized', {});
    return res;
  }

  open(uri: string, languageId: string, text: string, version = 1): void {
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, text: string): void {
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** An incremental change (what editors send for the sync kind the server announces): `changes` apply in order. */
  changeRanges(uri: string, version: number, changes: Array<{ range: Diagnostic['range']; text: string }>): void {
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): void {
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  codeActions(uri: string, range: Diagnostic['range'], diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } });
  }

  async shutdown(): Promise<number | null> {
    await this.conn.sendRequest('shutdown');
    await this.conn.sendNotification('exit');
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000));
    const code = await Promise.race([this.exited, timeout]);
    this.conn.dispose();
    if (code === 'timeout') {
      this.proc.kill();
      throw new Error('server did not exit after shutdown/exit');
    }
    return code;
  }

  kill(): void {
    if (this.exitCode === null) this.proc.kill();
  }
}

/** Applies the edits of a versioned WorkspaceEdit for `uri` to `text` (checking the version it was computed on). */
export function applyWorkspaceEdit(edit: WorkspaceEdit | undefined, uri: string, text: string, version: number): string {
  assert.ok(edit, 'the action has an edit');
  assert.ok(edit.documentChanges, 'edits are versioned (documentChanges)');
  const changes = (edit.documentChanges as TextDocumentEdit[]).filter((c) => 'textDocument' in c && c.textDocument.uri === uri);
  assert.equal(changes.length, 1, 'one document edit for the file');
  assert.equal(changes[0].textDocument.version, version, 'the edit is bound to the version it was computed on');
  const doc = TextDocument.create(uri, 'x', version, text);
  return TextDocument.applyEdits(doc, changes[0].edits as TextEdit[]);
}

export function lineOf(text: string, needle: string): { line: number; character: number } {
  const lines = text.split(/\r\n|\n/);
  for (let i = 0; i < lines.length; i++) {
    const c = lines[i].indexOf(needle);
    if (c >= 0) return { line: i, character: c };
  }
  throw new Error(`${needle} not in text`);
}

