/**
 * VS Code entry point: starts the shipguard language server (server/out/server.js
 * over ipc), registers the palette commands, and shows the server's state in
 * the status bar. No analysis happens here: everything is asked of the server.
 *
 * Works in Restricted Mode: the server never executes workspace code and reads
 * configuration as data (package.json declares
 * capabilities.untrustedWorkspaces.supported).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { plainText, registerCommands } from './commands';
import { StatusItem } from './status';
import { StatusNotificationMethod, type StatusParams } from '../../server/src/lsp/protocol';

let client: LanguageClient | undefined;

const LANGUAGES = ['python', 'javascript', 'typescript', 'javascriptreact', 'typescriptreact'];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // used by `when` clauses in package.json (menus)
  void vscode.commands.executeCommand('setContext', 'shipguard.languages', LANGUAGES);
  const output = vscode.window.createOutputChannel('shipguard', { log: true });
  const status = new StatusItem();
  context.subscriptions.push(output, status);

  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    outputChannel: output,
    middleware: {
      // titles come with markdown code spans (`select_for_update()`); the light bulb shows text as is
      provideCodeActions: async (document, range, context, token, next) => {
        const actions = await next(document, range, context, token);
        for (const a of actions ?? []) a.title = plainText(a.title);
        return actions;
      },
    },
    // settings are pulled per resource (workspace/configuration); the server registers for change notifications
    initializationFailedHandler: (error) => {
      output.error(`shipguard server failed to initialise: ${String(error)}`);
      status.set('error', 'shipguard: server failed to start');
      return false;
    },
  };

  const c = new LanguageClient('shipguard', 'shipguard', serverOptions, clientOptions);
  client = c;
  context.subscriptions.push(
    c.onDidChangeState((e) => {
      if (e.newState === State.Running) status.set('ready', 'shipguard');
      else if (e.newState === State.Starting) status.set('busy', 'shipguard: starting');
      else status.set('error', 'shipguard: stopped');
    }),
    c.onNotification(StatusNotificationMethod, (p: StatusParams) => status.set(p.state, p.text)),
  );
  registerCommands(context, c, output);

  status.set('busy', 'shipguard: starting');
  try {
    await c.start();
  } catch (e) {
    output.error(`shipguard server could not start: ${(e as Error).message}`);
    status.set('error', 'shipguard: server failed to start');
  }
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
