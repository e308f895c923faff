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
  type WorkspaceEdit as LspWorkspaceEdit,
} from 'vscode-languageclient/node';
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

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.LogOutputChannel): void {
  const docs = new DocsProvider();
  const exec = <R>(command: string, args: unknown[] = []) => client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<R>;

  async function pickRule(placeHolder: string, onlyFixable: boolean): Promise<RuleInfo | undefined> {
    const rules = (await client.sendRequest(RulesRequest)).filter((r) => !onlyFixable || r.fixable);
    if (!rules.length) {
      void vscode.window.showInformationMessage('shipguard: no rule to choose from.');
      return undefined;
    }
    const pick = await vscode.window.showQuickPick(
      rules.map((r) => ({ label: r.id, description: r.family, detail: r.summary, rule: r })),
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

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(DOCS_SCHEME, docs),

    vscode.commands.registerCommand(
      ClientCommands.scanWorkspace,
      safely('scan workspace', async () => {
        if (!vscode.workspace.workspaceFolders?.length) {
          void vscode.window.showInformationMessage('shipguard: open a folder to scan it.');
          return;
        }
        const s = await exec<ScanSummary | null>(ServerCommands.scanWorkspace);
        if (!s) return;
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
        const id = typeof ruleId === 'string' ? ruleId : (await pickRule('Rule whose fixes to apply to the whole workspace', true))?.id;
        if (!id) return;
        const mode = await vscode.window.showQuickPick(
          [
            { label: 'Safe fixes only', unsafe: false },
            { label: 'Safe and unsafe fixes', description: 'review each change in the preview', unsafe: true },
          ],
          { placeHolder: `Which fixes of ${id}?` },
        );
        if (!mode) return;
        const res = await client.sendRequest(CodemodEditRequest, { ruleId: id, unsafe: mode.unsafe });
        if (res.cancelled) return;
        // fixes that need a value only a human can give are never applied in bulk: say how many are left for the quick fix
        const asked = res.needsInput ? ` ${res.needsInput} need${res.needsInput === 1 ? 's' : ''} input: use the quick fix at each.` : '';
        if (!res.files) {
          void vscode.window.showInformationMessage(`shipguard: ${id} has nothing to fix automatically in this workspace.${asked}`);
          return;
        }
        const edit = await client.protocol2CodeConverter.asWorkspaceEdit(res.edit as LspWorkspaceEdit);
        if (!edit) return;
        // the edits carry a needsConfirmation annotation: VS Code shows the refactor preview first
        const ok = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
        output.info(`codemod ${id}: ${res.fixes} fixes in ${res.files} files ${ok ? 'applied' : 'not applied'}.${asked}`);
        if (ok && asked) void vscode.window.showInformationMessage(`shipguard: ${id}:${asked}`);
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
