/**
 * "shipguard: Show Readiness Report": the server builds and renders the report
 * (`shipguard.server.report`); this panel only shows the page and opens
 * `file:line` when a link is clicked. The page's Content-Security-Policy admits
 * nothing but its own style and script, by a fresh nonce per render.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ServerCommands, type ReportArgs, type ReportResult } from '../../server/src/lsp/protocol';

export class ReportPanel {
  private panel: vscode.WebviewPanel | undefined;
  private root = '';
  private rendering: Promise<void> | null = null;

  constructor(
    private readonly exec: <R>(command: string, args?: unknown[]) => Promise<R>,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  get visible(): boolean {
    return !!this.panel;
  }

  /** Opens (or reveals) the panel and renders the report afresh. */
  async show(): Promise<void> {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('shipguard.report', 'shipguard: Readiness Report', vscode.ViewColumn.Active, {
        enableScripts: true,
        enableCommandUris: false,
        localResourceRoots: [],
        retainContextWhenHidden: false,
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((m: unknown) => void this.open(m));
      this.panel.webview.html = placeholder('Scanning the workspace…');
    } else this.panel.reveal();
    await this.refresh();
  }

  /** Renders again if the panel is open (after a workspace scan). */
  async refresh(): Promise<void> {
    if (!this.panel) return;
    if (this.rendering) return this.rendering;
    this.rendering = (async () => {
      const nonce = randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
      const args: ReportArgs = { format: 'html', nonce };
      const res = await this.exec<ReportResult | null>(ServerCommands.report, [args]);
      if (!this.panel || !res?.html) return;
      this.root = res.report.root;
      this.panel.webview.html = res.html;
    })();
    try {
      await this.rendering;
    } finally {
      this.rendering = null;
    }
  }

  /** A link's message: open the file (only inside the report's root) at the line. */
  private async open(m: unknown): Promise<void> {
    if (!m || typeof m !== 'object') return;
    const { type, file, line } = m as { type?: unknown; file?: unknown; line?: unknown };
    if (type !== 'open' || typeof file !== 'string' || !this.root) return;
    const abs = path.resolve(this.root, file);
    const rel = path.relative(this.root, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel)) {
      this.output.warn(`report: refused to open ${file}, outside ${this.root}`);
      return;
    }
    const n = typeof line === 'number' && Number.isFinite(line) && line >= 1 ? Math.floor(line) - 1 : 0;
    const pos = new vscode.Position(n, 0);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(abs));
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(pos, pos) });
  }
}

function placeholder(text: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none';"></head><body><p>${text}</p></body></html>`;
}
