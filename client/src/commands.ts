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

/** Markdown code spans as plain text, for places that show text as is (quick picks, code action titles). */
export function plainText(s: string): string {
  return s.replace(/`([^`]+)`/g, '$1');
}

/**
 * The edit without change annotations that ask for confirmation: VS Code's
 * refactor preview leaves such edits unticked, so pressing Apply there would
 * change nothing. With `review`, every edit asks for confirmation (the preview
 * opens; the user ticks what to keep).
 */
export function withConfirmation(edit: vscode.WorkspaceEdit, review: boolean, label: string): vscode.WorkspaceEdit {
  const out = new vscode.WorkspaceEdit();
  const metadata: vscode.WorkspaceEditEntryMetadata = { label, needsConfirmation: review };
  for (const [uri, edits] of edit.entries()) for (const e of edits) out.replace(uri, e.range, e.newText, metadata);
  return out;
}

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
    const converted = await client.protocol2CodeConverter.asWorkspaceEdit(res.edit as LspWorkspaceEdit);
    if (!converted) return;
    const offered = `${res.fixes} fix${res.fixes === 1 ? '' : 'es'} of ${id} in ${res.files} file${res.files === 1 ? '' : 's'}`;
    const choice = await vscode.window.showInformationMessage(
      `shipguard: apply ${offered}?${unsafe ? ' Unsafe fixes change behaviour.' : ''}`,
      { modal: true },
      'Apply All',
      'Review in Preview',
    );
    if (!choice) return;
    const uris = converted.entries().map(([uri]) => uri);
    const before = new Map<string, string>();
    for (const uri of uris) before.set(uri.toString(), (await vscode.workspace.openTextDocument(uri)).getText());
    const ok = await vscode.workspace.applyEdit(withConfirmation(converted, choice === 'Review in Preview', `shipguard: ${id}`), { isRefactoring: true });
    let changed = 0;
    for (const uri of uris) if ((await vscode.workspace.openTextDocument(uri)).getText() !== before.get(uri.toString())) changed++;
    output.info(`codemod ${id}: ${offered} offered; ${changed} file${changed === 1 ? '' : 's'} changed${ok ? '' : ' (the edit was not applied)'}.${asked}`);
    if (!changed) void vscode.window.showInformationMessage(`shipguard: no change applied (${offered} offered).${asked}`);
    else void vscode.window.showInformationMessage(`shipguard: ${id}: changed ${changed} of ${res.files} file${res.files === 1 ? '' : 's'}; save them to keep the changes.${asked}`);
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
