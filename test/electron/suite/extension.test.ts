/**
 * Extension-host tests: the packaged extension's client and server inside a
 * real VS Code, checked against what the engine finds in the same files
 * (runTest.mjs writes the engine's findings to SHIPGUARD_EXPECTED).
 * Waits are on VS Code events with timeouts, never fixed sleeps.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

interface ExpectedFix {
  title: string;
  applicability: string;
  hasSnippet: boolean;
  fixedText: string;
}
interface ExpectedFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixes: ExpectedFix[];
}
interface ExpectedFile {
  path: string;
  language: string;
  findings: ExpectedFinding[];
}

const EXTENSION_ID = 'shipguard.shipguard';
const SEVERITY: Record<ExpectedFinding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

function expected(): ExpectedFile[] {
  const file = process.env.SHIPGUARD_EXPECTED;
  if (!file) throw new Error('SHIPGUARD_EXPECTED is not set (run through test/electron/runTest.mjs)');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ExpectedFile[];
}

function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder open');
  return folder.uri.fsPath;
}

const codeOf = (d: vscode.Diagnostic): string =>
  typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code ?? '');

const shipguardDiagnostics = (uri: vscode.Uri): vscode.Diagnostic[] =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'shipguard');

/** Resolves once `pred` holds for the file's shipguard diagnostics; rejects after `timeout` ms. */
function waitForDiagnostics(uri: vscode.Uri, pred: (d: vscode.Diagnostic[]) => boolean, timeout = 30_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const now = shipguardDiagnostics(uri);
    if (pred(now)) return resolve(now);
    const timer = setTimeout(() => {
      sub.dispose();
      const seen = shipguardDiagnostics(uri).map((d) => `${codeOf(d)}@${d.range.start.line + 1}`);
      reject(new Error(`diagnostics of ${uri.fsPath} not as expected within ${timeout} ms; have ${JSON.stringify(seen)}`));
    }, timeout);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const ds = shipguardDiagnostics(uri);
      if (pred(ds)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(ds);
      }
    });
  });
}

/** Polls a condition that VS Code has no event for (extension activation). */
async function until(what: string, cond: () => boolean, timeout = 30_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeout) throw new Error(`${what}: not within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const key = (f: { ruleId: string; line: number }) => `${f.ruleId}@${f.line}`;

/** The first file of a language whose findings include a plain (no snippet) fix, safe first. */
function target(files: ExpectedFile[], test: (p: string) => boolean): { file: ExpectedFile; finding: ExpectedFinding; fix: ExpectedFix } | null {
  for (const applicability of ['safe', 'unsafe']) {
    for (const file of files.filter((f) => test(f.path))) {
      for (const finding of file.findings) {
        const fix = finding.fixes.find((x) => x.applicability === applicability && !x.hasSnippet);
        if (fix) return { file, finding, fix };
      }
    }
  }
  return null;
}

async function open(rel: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(workspaceRoot(), rel)));
  await vscode.window.showTextDocument(doc);
  return doc;
}

describe('shipguard in the extension host', () => {
  const files = expected();
  const withFindings = files.filter((f) => f.findings.length);

  it('is installed and activates when a Python file opens', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    const py = withFindings.find((f) => f.language === 'python');
    assert.ok(py, 'the test workspace has no Python file with findings');
    await open(py.path);
    await until('activation', () => ext.isActive);
  });

  it('registers the palette commands it contributes', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } };
    const missing = pkg.contributes.commands.map((c) => c.command).filter((c) => !all.has(c));
    assert.deepEqual(missing, [], 'contributed but not registered');
  });

  for (const file of withFindings) {
    it(`reports the engine's findings in ${file.path} as diagnostics`, async () => {
      const doc = await open(file.path);
      const want = file.findings.map(key).sort();
      const ds = await waitForDiagnostics(doc.uri, (d) => d.length >= want.length);
      assert.deepEqual(ds.map((d) => `${codeOf(d)}@${d.range.start.line + 1}`).sort(), want);
      for (const f of file.findings) {
        const d = ds.find((x) => codeOf(x) === f.ruleId && x.range.start.line + 1 === f.line)!;
        assert.equal(d.severity, SEVERITY[f.severity], `severity of ${key(f)}`);
        assert.equal(d.message, f.message, `message of ${key(f)}`);
        assert.equal(d.range.start.character + 1, f.column, `start column of ${key(f)}`);
        assert.equal(d.range.end.line + 1, f.endLine, `end line of ${key(f)}`);
        assert.equal(d.range.end.character + 1, f.endColumn, `end column of ${key(f)}`);
      }
    });
  }

  for (const [lang, test] of [
    ['Python', (p: string) => p.endsWith('.py')],
    ['TypeScript', (p: string) => /\.(ts|tsx)$/.test(p)],
  ] as const) {
    it(`offers the ${lang} fix through vscode.executeCodeActionProvider and applying it writes the engine's fixed text`, async function () {
      const t = target(files, test);
      if (!t) return this.skip();
      const doc = await open(t.file.path);
      const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === t.finding.ruleId && x.range.start.line + 1 === t.finding.line));
      const diag = ds.find((x) => codeOf(x) === t.finding.ruleId && x.range.start.line + 1 === t.finding.line)!;

      const actions =
        (await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          doc.uri,
          diag.range,
          vscode.CodeActionKind.QuickFix.value,
        )) ?? [];
      const action = actions.find((a) => a.title === t.fix.title);
      assert.ok(action, `"${t.fix.title}" not among ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.ok(action.kind && vscode.CodeActionKind.QuickFix.contains(action.kind), 'is a quick fix');

      if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), 'workspace edit applied');
      if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
      assert.equal(doc.getText(), t.fix.fixedText);
      assert.ok(await doc.save(), 'saved');
      assert.equal(fs.readFileSync(doc.uri.fsPath, 'utf8'), t.fix.fixedText);

      // the finding is gone from that line once the server has re-linted the saved text
      await waitForDiagnostics(
        doc.uri,
        (d) => !d.some((x) => codeOf(x) === t.finding.ruleId && x.range.start.line + 1 === t.finding.line && x.message === t.finding.message),
      );
    });
  }
});
