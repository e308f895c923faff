/** The status bar item: shows the server's state; a click opens the output channel. */
import * as vscode from 'vscode';
import { ClientCommands, type StatusParams } from '../../server/src/lsp/protocol';

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    this.item = vscode.window.createStatusBarItem('shipguard.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'shipguard';
    this.item.command = ClientCommands.showOutput;
    this.set('busy', 'shipguard');
    this.item.show();
  }

  set(state: StatusParams['state'], text: string): void {
    const icon = state === 'busy' ? '$(sync~spin)' : state === 'error' ? '$(error)' : '$(shield)';
    this.item.text = `${icon} ${text}`;
    this.item.tooltip = state === 'error' ? `${text}: click to show the output` : `${text}: click to show the shipguard output`;
    this.item.backgroundColor = state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
