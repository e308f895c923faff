/**
 * The palette commands. Each one asks the server (custom requests or
 * workspace/executeCommand) and shows the answer; none analyses code itself.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  RequestType,
  RequestType0,
  type LanguageClient,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit as LspWorkspaceEdit,
} from 'vscode-languageclient/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ClientCommands,
  CodemodEditRequestMethod,
  RuleDocsRequestMethod,
  RulesRequestMethod,
  ServerCommands,
  type CodemodEditParams,
  type CodemodEditResult,
  type RuleDocsParams,
  type RuleDocsResult,
  type RuleInfo,
  type ScanSummary,
} from '../../server/src/lsp/protocol';
import { ReportPanel } from './report';

const RulesRequest = new RequestType0<RuleInfo[], void>(RulesRequestMethod);
const RuleDocsRequest = new RequestType<RuleDocsParams, RuleDocsResult | null, void>(RuleDocsRequestMethod);
const CodemodEditRequest = new RequestType<CodemodEditParams, CodemodEditResult, void>(CodemodEditRequestMethod);

const DOCS_SCHEME = 'shipguard-docs';
const LANGUAGES = new Set(['python', 'javascript', 'typescript', 'javascriptreact', 'typescriptreact']);

/** Virtual documents with rule docs, for rules whose page is not shipped as a file. */
class DocsProvider implements vscode.TextDocumentContentProvider {
  readonly pages = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.pages.get(uri.path) ?? '# Unknown rule\n';
  }
  set(uri: vscode.Uri, markdown: string): void {
    this.pages.set(uri.path, markdown);
    this.emitter.fire(uri);
  }
}

/** Markdown code spans as plain text, for places that show text as is (quick picks, code action titles). */
export function plainText(s: string): string {
  return s.replace(/`([^`]+)`/g, '$1');
}

/**
 * The edit made to open in the refactor preview with every fix ticked. VS Code
 * opens the preview only for an edit with an entry that needs confirmation,
 * and leaves exactly those entries unticked; so the fixes go in as they are
 * (ticked, the user unticks what to leave out) and one more entry asks for
 * confirmation without doing anything: creating `anchor`, a file the edit
 * changes, with `ignoreIfExists`. The preview does not list an entry that
 * creates an existing file, and applying it, ticked or not, changes nothing.
 */
export function forReview(edit: vscode.WorkspaceEdit, anchor: vscode.Uri, label: string): vscode.WorkspaceEdit {
  edit.createFile(anchor, { ignoreIfExists: true }, { label, needsConfirmation: true });
  return edit;
}

/** What an applied codemod changed, file by file: fully (every fix the server computed), in part (the user unticked some edits), or not at all. */
export function countApplied(files: ReadonlyArray<{ before: string; expected: string; after: string; fixes: number }>): { files: number; fixes: number; partly: number } {
  let filesDone = 0;
  let fixes = 0;
  let partly = 0;
  for (const f of files) {
    if (f.after === f.before) continue;
    if (f.after === f.expected) {
      filesDone++;
      fixes += f.fixes;
    } else partly++;
  }
  return { files: filesDone, fixes, partly };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.LogOutputChannel): void {
  const docs = new DocsProvider();

  /**
   * Asks the server for a rule's workspace edit, asks whether to apply it all
   * or review it, applies it, and reports what changed on disk or in the
   * editors (not what was offered: in the preview the user may untick some).
   */
  async function runCodemod(id: string, unsafe: boolean, unsafeOnly: boolean): Promise<void> {
    const res = await client.sendRequest(CodemodEditRequest, { ruleId: id, unsafe });
    if (res.cancelled) return;
    // fixes that need a value only a human can give are never applied in bulk: say how many are left for the quick fix
    const asked = res.needsInput ? ` ${res.needsInput} finding${res.needsInput === 1 ? '' : 's'} need${res.needsInput === 1 ? 's' : ''} input: use the quick fix at each.` : '';
    if (!res.files) {
      if (!unsafe) {
        const hint = unsafeOnly ? `every fix of ${id} is unsafe (it changes behaviour)` : `no safe fix of ${id} applies here`;
        const more = await vscode.window.showInformationMessage(`shipguard: nothing to fix with safe fixes only: ${hint}.`, 'Include Unsafe Fixes');
        if (more) await runCodemod(id, true, unsafeOnly);
        return;
      }
      void vscode.window.showInformationMessage(`shipguard: ${id} has nothing to fix automatically in this workspace.${asked}`);
      return;
    }
    const lspEdit = res.edit as LspWorkspaceEdit;
    const converted = await client.protocol2CodeConverter.asWorkspaceEdit(lspEdit);
    if (!converted) return;
    const offered = `${plural(res.fixes, 'fix', 'fixes')} of ${id} in ${plural(res.files, 'file')}`;
    const choice = await vscode.window.showInformationMessage(
      `shipguard: apply ${offered}?${unsafe ? ' Unsafe fixes change behaviour.' : ''}`,
      { modal: true },
      'Apply All',
      'Review in Preview',
    );
    if (!choice) return;
    // each file's text before, and after every one of its edits: what "applied" means for it
    const files: Array<{ uri: vscode.Uri; before: string; expected: string; fixes: number }> = [];
    const fixesOf = new Map(res.perFile.map((f) => [f.uri, f.fixes]));
    for (const change of (lspEdit.documentChanges ?? []) as Array<{ textDocument: { uri: string }; edits?: LspTextEdit[] }>) {
      if (!change.edits) continue;
      const uri = client.protocol2CodeConverter.asUri(change.textDocument.uri);
      const before = (await vscode.workspace.openTextDocument(uri)).getText();
      const expected = TextDocument.applyEdits(TextDocument.create(change.textDocument.uri, 'plaintext', 0, before), change.edits);
      files.push({ uri, before, expected, fixes: fixesOf.get(change.textDocument.uri) ?? 0 });
    }
    if (!files.length) return;
    const label = `shipguard: ${id}`;
    const edit = choice === 'Review in Preview' ? forReview(converted, files[0].uri, label) : converted;
    const ok = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
    const after: Array<(typeof files)[number] & { after: string }> = [];
    for (const f of files) after.push({ ...f, after: (await vscode.workspace.openTextDocument(f.uri)).getText() });
    const done = countApplied(after);
    const part = done.partly ? ` and part of the fixes in ${plural(done.partly, 'more file')}` : '';
    const applied = `applied ${plural(done.fixes, 'fix', 'fixes')} in ${plural(done.files, 'file')}${part}`;
    output.info(`codemod ${id}: ${offered} offered; ${applied}${ok ? '' : ' (the edit was not applied)'}.${asked}`);
    if (!done.files && !done.partly) void vscode.window.showInformationMessage(`shipguard: ${id}: no change applied (${offered} offered).${asked}`);
    else void vscode.window.showInformationMessage(`shipguard: ${id}: ${applied}${done.files < res.files || done.partly ? ` (${offered} offered)` : ''}; save them to keep the changes.${asked}`);
  }
  const exec = <R>(command: string, args: unknown[] = []) => client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<R>;

  async function pickRule(placeHolder: string, onlyFixable: boolean): Promise<RuleInfo | undefined> {
    const rules = (await client.sendRequest(RulesRequest)).filter((r) => !onlyFixable || r.fixable);
    if (!rules.length) {
      void vscode.window.showInformationMessage('shipguard: no rule to choose from.');
      return undefined;
    }
    const pick = await vscode.window.showQuickPick(
      rules.map((r) => ({ label: r.id, description: r.family, detail: plainText(r.summary), rule: r })),
      { placeHolder, matchOnDescription: true, matchOnDetail: true },
    );
    return pick?.rule;
  }

  /** Runs a command body, reporting failures in the output channel and a message instead of throwing. */
  const safely =
    <A extends unknown[]>(name: string, fn: (...args: A) => Promise<unknown>) =>
    async (...args: A) => {
      try {
        await fn(...args);
      } catch (e) {
        output.error(`${name}: ${(e as Error).stack ?? e}`);
        void vscode.window.showErrorMessage(`shipguard: ${name} failed: ${(e as Error).message}`);
      }
    };

  const report = new ReportPanel(exec, output);

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(DOCS_SCHEME, docs),

    vscode.commands.registerCommand(
      ClientCommands.showReport,
      safely('show readiness report', async () => {
        if (!vscode.workspace.workspaceFolders?.length) {
          void vscode.window.showInformationMessage('shipguard: open a folder to see its readiness report.');
          return;
        }
        await report.show();
      }),
    ),

    vscode.commands.registerCommand(
      ClientCommands.scanWorkspace,
      safely('scan workspace', async () => {
        if (!vscode.workspace.workspaceFolders?.length) {
          void vscode.window.showInformationMessage('shipguard: open a folder to scan it.');
          return;
        }
        const s = await exec<ScanSummary | null>(ServerCommands.scanWorkspace);
        if (!s) return;
        // an open report shows what this scan found
        if (!s.cancelled && report.visible) void report.refresh().catch((e: unknown) => output.error(`report: ${(e as Error).stack ?? e}`));
        const msg = s.cancelled
          ? `shipguard: scan cancelled after ${s.files} files (${s.findings} findings so far).`
          : `shipguard: scanned ${s.files} files in ${(s.millis / 1000).toFixed(1)} s: ${s.findings} finding${s.findings === 1 ? '' : 's'}${s.skipped ? `, ${s.skipped} skipped (see output)` : ''}.`;
        const choice = await vscode.window.showInformationMessage(msg, ...(s.findings ? ['Show Problems'] : []));
        if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
      }),
    ),

    vscode.commands.registerCommand(
      ClientCommands.applyCodemod,
      safely('apply codemod', async (ruleId?: unknown) => {
        const rule = typeof ruleId === 'string' ? (await client.sendRequest(RulesRequest)).find((r) => r.id === ruleId) : await pickRule('Rule whose fixes to apply to the whole workspace', true);
        const id = rule?.id ?? (typeof ruleId === 'string' ? ruleId : undefined);
        if (!id) return;
        const unsafeOnly = rule?.fixSafety === 'unsafe';
        const mode = await vscode.window.showQuickPick(
          [
            { label: 'Safe fixes only', description: unsafeOnly ? `${id} has no safe fixes` : undefined, unsafe: false },
            { label: 'Safe and unsafe fixes', description: 'unsafe fixes change behaviour: review them', unsafe: true },
          ],
          { placeHolder: `Which fixes of ${id}?` },
        );
        if (!mode) return;
        await runCodemod(id, mode.unsafe, unsafeOnly);
      }),
    ),

    vscode.commands.registerCommand(
      ClientCommands.fixAllInFile,
      safely('fix all in file', async () => {
        const editor = vscode.window.activeTextEditor;
        if (!editor || !LANGUAGES.has(editor.document.languageId)) {
          void vscode.window.showInformationMessage('shipguard: open a Python or JavaScript/TypeScript file first.');
          return;
        }
        const doc = editor.document;
        await exec<boolean>(ServerCommands.fixAll, [{ uri: client.code2ProtocolConverter.asUri(doc.uri), version: doc.version }]);
      }),
    ),

    vscode.commands.registerCommand(
      ClientCommands.showRuleDocs,
      safely('show rule documentation', async (ruleId?: unknown) => {
        const id = typeof ruleId === 'string' ? ruleId : (await pickRule('Rule to read about', false))?.id;
        if (!id) return;
        // the page shipped in the extension (docs/rules/<id>.md), else the server's rendering in a virtual document
        const shipped = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${id}.md`);
        let target: vscode.Uri;
        if (shipped.scheme === 'file' && fs.existsSync(shipped.fsPath)) target = shipped;
        else {
          const res = await client.sendRequest(RuleDocsRequest, { id });
          if (!res) {
            void vscode.window.showWarningMessage(`shipguard: unknown rule ${id}.`);
            return;
          }
          target = vscode.Uri.from({ scheme: DOCS_SCHEME, path: `/${id}.md` });
          docs.set(target, res.markdown);
        }
        try {
          await vscode.commands.executeCommand('markdown.showPreview', target);
        } catch {
          await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target), { preview: true });
        }
      }),
    ),

    vscode.commands.registerCommand(
      ClientCommands.restartServer,
      safely('restart server', async () => {
        output.info('restarting the shipguard server');
        await client.restart();
      }),
    ),

    vscode.commands.registerCommand(ClientCommands.showOutput, () => output.show(true)),
  );
}
