/**
 * The language server as a real process: `node server/out/server.js --stdio`
 * driven over JSON-RPC, the way any editor drives it (ast-grep's
 * crates/lsp/tests/basic.rs does the same over a duplex stream). No editor,
 * no fixed sleeps: every wait is a condition with a timeout.
 *
 * Needs the bundle (`npm test` builds it in `pretest`).
 */
import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, type MessageConnection } from 'vscode-languageserver/node';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Harness, SERVER, applyWorkspaceEdit, lineOf } from './harness';

const RULE = 'request-without-timeout';

describe('language server over stdio', function () {
  this.timeout(60_000);
  let h: Harness;
  let dir: string;
  const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).href;

  before(async function () {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first (npm test does it in pretest)`);
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipguard-lsp-')));
    fs.writeFileSync(path.join(dir, '.shipguard.json'), JSON.stringify({ rules: {} }));
    h = new Harness();
    const init = (await h.initialize(dir)) as { capabilities: Record<string, unknown>; serverInfo?: { name: string } };
    assert.equal(init.serverInfo?.name, 'shipguard');
    assert.ok(init.capabilities.hoverProvider);
    // incremental sync: the server keeps each document's tree and reparses only what an edit touched
    assert.equal((init.capabilities.textDocumentSync as { change: number }).change, 2);
    assert.deepEqual((init.capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.shipguard']);
    await h.waitFor('dynamic registrations', () => h.registrations.includes('workspace/didChangeWatchedFiles'));
  });

  after(async function () {
    h?.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const PY = [
    'import requests',
    '',
    '# 🚀 日本語のコメント',
    'def fetch(url):',
    '    label = "😀 注文"; r = requests.get(url)',
    '    return r.json()',
    '',
  ].join('\n');

  it('publishes a diagnostic with code, source, severity, docs link and a UTF-16 range (emoji and CJK before it)', async function () {
    const uri = uriOf('app.py');
    h.open(uri, 'python', PY);
    const diags = await h.diagnosticsFor(uri, 1);
    assert.equal(diags.length, 1, JSON.stringify(diags));
    const d = diags[0];
    assert.equal(d.code, RULE);
    assert.equal(d.source, 'shipguard');
    assert.equal(d.severity, 2);
    assert.match(d.codeDescription!.href, /^file:\/\/.*\/docs\/rules\/request-without-timeout\.md$/);
    const at = lineOf(PY, 'requests.get(url)');
    assert.deepEqual(d.range.start, at, 'start counts UTF-16 code units: the emoji is two, each CJK character one');
    assert.deepEqual(d.range.end, { line: at.line, character: at.character + 'requests.get'.length });
  });

  it('incremental changes (several per notification, several notifications per lint) give the diagnostics of the final text', async function () {
    const uri = uriOf('typing.py');
    const fresh = uriOf('typing-fresh.py');
    let doc = TextDocument.create(uri, 'python', 1, PY);
    h.open(uri, 'python', PY);
    assert.equal((await h.diagnosticsFor(uri, 1)).length, 1);
    const steps: Array<Array<{ range: Diagnostic['range']; text: string }>> = [
      // a second call after the first one, then break and mend the syntax around it
      [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: 'def g(u):\n    return requests.post(u)\n' }],
      [
        { range: { start: { line: 7, character: 24 }, end: { line: 7, character: 25 } }, text: '' },
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# 😀\n' },
      ],
      [{ range: { start: { line: 8, character: 24 }, end: { line: 8, character: 24 } }, text: '(' }],
      // the first call gets its timeout
      [{ range: { start: { line: 5, character: 41 }, end: { line: 5, character: 41 } }, text: ', timeout=5' }],
    ];
    let version = 1;
    for (const changes of steps) {
      version++;
      doc = TextDocument.update(doc, changes, version);
      h.changeRanges(uri, version, changes);
    }
    const got = await h.diagnosticsFor(uri, version);
    h.open(fresh, 'python', doc.getText());
    const want = await h.diagnosticsFor(fresh, 1);
    assert.match(doc.getText(), /requests\.get\(url, timeout=5\)/);
    assert.match(doc.getText(), /requests\.post\(u\)\n/);
    assert.equal(got.length, 1, JSON.stringify(got));
    assert.deepEqual(got.map((d) => [d.code, d.range]), want.map((d) => [d.code, d.range]));
    h.close(uri);
    h.close(fresh);
  });

  it('answers hover over the finding with the rule docs, and nothing elsewhere', async function () {
    const uri = uriOf('app.py');
    const at = lineOf(PY, 'requests.get(url)');
    const hover = await h.hover(uri, at.line, at.character + 3);
    assert.ok(hover, 'a hover');
    const value = (hover.contents as { kind: string; value: string }).value;
    assert.equal((hover.contents as { kind: string }).kind, 'markdown');
    assert.match(value, /request-without-timeout/);
    assert.match(value, /## What it does/);
    assert.equal(await h.hover(uri, 0, 2), null);
  });

  it('offers the fix (preferred), a suppression and the docs; the fix edit gives the fixed text', async function () {
    const uri = uriOf('app.py');
    const diags = h.diagnostics.get(uri)!.diagnostics;
    const actions = await h.codeActions(uri, diags[0].range, diags);
    const fix = actions.find((a) => a.title === 'Add `timeout=10`');
    assert.ok(fix, `fix among ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.diagnostics?.[0].code, RULE);
    const fixed = applyWorkspaceEdit(fix.edit, uri, PY, 1);
    assert.equal(fixed, PY.replace('requests.get(url)', 'requests.get(url, timeout=10)'));

    const docs = actions.find((a) => a.title === `Show documentation for ${RULE}`);
    assert.ok(docs?.command);
    assert.equal(docs.command.command, 'shipguard.showRuleDocs');
    assert.deepEqual(docs.command.arguments, [RULE]);

    const suppress = actions.find((a) => a.title === `Suppress ${RULE} on this line`);
    assert.ok(suppress, 'suppression action');
    assert.notEqual(suppress.isPreferred, true);
    const suppressed = applyWorkspaceEdit(suppress.edit, uri, PY, 1);
    const lines = suppressed.split('\n');
    const at = lineOf(PY, 'requests.get(url)');
    assert.match(lines[at.line], /^    # shipguard: ignore\[request-without-timeout\] \S/, 'comment above the statement, same indentation, with a reason');
    assert.equal(lines[at.line + 1], PY.split('\n')[at.line]);

    // the suppressed text lints clean (after the debounce, for the new version)
    h.change(uri, 2, suppressed);
    assert.deepEqual(await h.diagnosticsFor(uri, 2), []);
    // and the original again
    h.change(uri, 3, PY);
    assert.equal((await h.diagnosticsFor(uri, 3)).length, 1);
  });

  it('gives source.fixAll.shipguard only when asked, with minimal edits for that version', async function () {
    const uri = uriOf('many.py');
    const text = 'import requests as r\n\nr.get(a)\nx = 1\nr.post(b, json={})\n';
    h.open(uri, 'python', text, 5);
    assert.equal((await h.diagnosticsFor(uri, 5)).length, 2);
    const full = { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } };
    const all = await h.codeActions(uri, full, [], ['source.fixAll']);
    assert.equal(all.length, 1, JSON.stringify(all));
    assert.equal(all[0].kind, 'source.fixAll.shipguard');
    const fixed = applyWorkspaceEdit(all[0].edit, uri, text, 5);
    assert.equal(fixed, 'import requests as r\n\nr.get(a, timeout=10)\nx = 1\nr.post(b, json={}, timeout=10)\n');
    const edits = (all[0].edit!.documentChanges as TextDocumentEdit[])[0].edits as TextEdit[];
    assert.deepEqual(
      edits.map((e) => [e.range.start.line, e.range.end.line, e.newText]),
      [
        [2, 2, ', timeout=10'],
        [4, 4, ', timeout=10'],
      ],
      'minimal edits, not a whole-file replacement',
    );
    // quick fixes are not offered when only fix-all is asked for, and fix-all is not offered in the light bulb
    assert.ok(all.every((a) => a.kind !== 'quickfix'));
    const bulb = await h.codeActions(uri, full, []);
    assert.ok(bulb.every((a) => a.kind === 'quickfix'));
    assert.ok(bulb.some((a) => a.title === 'Fix all safe shipguard issues in this file'));
    // the fix-all command applies the same edit through workspace/applyEdit
    const before = h.applied.length;
    const ok = await h.conn.sendRequest('workspace/executeCommand', { command: 'shipguard.server.fixAll', arguments: [{ uri, version: 5 }] });
    assert.equal(ok, true);
    assert.equal(h.applied.length, before + 1);
    assert.equal(applyWorkspaceEdit(h.applied[before], uri, text, 5), fixed);
    // a stale version is refused
    assert.equal(await h.conn.sendRequest('workspace/executeCommand', { command: 'shipguard.server.fixAll', arguments: [{ uri, version: 4 }] }), false);
    h.close(uri);
    await h.waitFor('diagnostics cleared on close', () => h.diagnostics.get(uri)?.diagnostics.length === 0);
  });

  it('keeps CRLF: positions and fixes in a CRLF document', async function () {
    const uri = uriOf('crlf.py');
    const text = 'import requests\r\n\r\ndef f(u):\r\n    return requests.get(u)\r\n';
    h.open(uri, 'python', text);
    const diags = await h.diagnosticsFor(uri, 1);
    assert.equal(diags.length, 1);
    assert.deepEqual(diags[0].range.start, { line: 3, character: 11 });
    const actions = await h.codeActions(uri, diags[0].range, diags);
    const fixed = applyWorkspaceEdit(actions.find((a) => a.isPreferred)!.edit, uri, text, 1);
    assert.equal(fixed, text.replace('requests.get(u)', 'requests.get(u, timeout=10)'));
    const suppressed = applyWorkspaceEdit(actions.find((a) => a.title.startsWith('Suppress'))!.edit, uri, text, 1);
    assert.match(suppressed, /\r\n    # shipguard: ignore\[request-without-timeout\] [^\r\n]+\r\n    return requests\.get\(u\)\r\n/);
    assert.ok(!/[^\r]\n/.test(suppressed), 'no bare LF added');
  });

  it('a secrets fix creates .env.example in the same WorkspaceEdit (a create operation, then the name)', async function () {
    const uri = uriOf('shop_settings.py');
    const text = 'DEBUG = False\nSECRET_KEY = "k3#n9vQz!p7Lr2Wx@f5Tb8Yc1Hd4Mg6J"\n';
    h.open(uri, 'python', text, 1);
    const diags = (await h.diagnosticsFor(uri, 1)).filter((d) => d.code === 'hardcoded-secret');
    assert.equal(diags.length, 1);
    assert.doesNotMatch(String(diags[0].message), /k3#n9vQz/, 'the message never shows the secret');
    const actions = await h.codeActions(uri, diags[0].range, diags);
    const fix = actions.find((a) => a.title.startsWith('Read the secret from the environment'));
    assert.ok(fix, `fix among ${actions.map((a) => a.title).join(' | ')}`);
    assert.match(fix.title, /declared in a new `\.env\.example`/);
    const changes = fix.edit!.documentChanges as Array<TextDocumentEdit | { kind: string; uri: string; options?: unknown }>;
    const envUri = uriOf('.env.example');
    assert.deepEqual(changes.map((c) => ('kind' in c ? `${c.kind} ${c.uri}` : c.textDocument.uri)), [uri, `create ${envUri}`, envUri]);
    assert.equal(applyWorkspaceEdit(fix.edit, uri, text, 1), 'import os\n\nDEBUG = False\nSECRET_KEY = os.environ["SECRET_KEY"]\n');
    const envEdit = changes[2] as TextDocumentEdit;
    assert.equal(TextDocument.applyEdits(TextDocument.create(envUri, 'dotenv', 0, ''), envEdit.edits as TextEdit[]), 'SECRET_KEY=\n');
    assert.ok(!fs.existsSync(path.join(dir, '.env.example')), 'the server writes nothing itself');
    h.close(uri);
  });

  it('lints TypeScript documents: an unused suppression with an emoji before it, and its removal fix', async function () {
    const uri = uriOf('handler.ts');
    const text = 'const s = "🎉 完了";\nexport const n = 1; // shipguard: ignore[no-such-rule] because\n';
    h.open(uri, 'typescript', text);
    const diags = await h.diagnosticsFor(uri, 1);
    const d = diags.find((x) => x.code === 'unused-suppression');
    assert.ok(d, JSON.stringify(diags));
    assert.deepEqual(d.range.start, lineOf(text, '// shipguard'));
    assert.deepEqual(d.tags, [1], 'marked unnecessary');
    const actions = await h.codeActions(uri, d.range, [d]);
    const remove = actions.find((a) => a.title === 'Remove unused suppression');
    assert.ok(remove, actions.map((a) => a.title).join(' | '));
    assert.equal(applyWorkspaceEdit(remove.edit, uri, text, 1), 'const s = "🎉 完了";\nexport const n = 1;\n');
    assert.ok(!actions.some((a) => a.title.startsWith('Suppress')), 'no suppression of a suppression');
  });

  it('survives broken syntax, huge and minified documents, and still answers', async function () {
    const broken = uriOf('broken.py');
    h.open(broken, 'python', 'import requests\ndef f(:\n    requests.get(u\n  ]]] )(\n');
    await h.diagnosticsFor(broken, 1);
    const hb = await h.hover(broken, 2, 6);
    assert.ok(hb === null || typeof hb === 'object');
    await h.codeActions(broken, { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } }, []);

    const big = uriOf('big.py');
    const bigText = 'import requests\n' + 'x = requests.get(u)\n'.repeat(120_000); // ~2.4 MB, over the 2 MB default
    h.open(big, 'python', bigText);
    assert.deepEqual(await h.diagnosticsFor(big, 1), []);
    await h.waitFor('a log line for the skipped file', () => h.logs.some((l) => l.includes('big.py') && l.includes('limit')));

    const min = uriOf('bundle.min.js');
    h.open(min, 'javascript', `var a=${'1+'.repeat(30_000)}1;`);
    assert.deepEqual(await h.diagnosticsFor(min, 1), []);
    await h.waitFor('a log line for the minified file', () => h.logs.some((l) => l.includes('bundle.min.js') && l.includes('minified')));

    const binary = uriOf('weird.py');
    h.open(binary, 'python', 'import requests\u0000\u0001\u0002requests.get(x)');
    assert.deepEqual(await h.diagnosticsFor(binary, 1), []);

    // still alive and correct
    const uri = uriOf('app.py');
    const at = lineOf(PY, 'requests.get(url)');
    assert.ok(await h.hover(uri, at.line, at.character));
    for (const u of [broken, big, min, binary]) h.close(u);
  });

  it('applies settings and config files: severity from settings, rule off in .shipguard.json', async function () {
    const uri = uriOf('app.py');
    h.settings = { ...h.settings, rules: { [RULE]: 'error' } };
    await h.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await h.waitFor('error severity', () => h.diagnostics.get(uri)?.diagnostics[0]?.severity === 1);
    h.settings = { ...h.settings, rules: {} };
    await h.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await h.waitFor('warning severity back', () => h.diagnostics.get(uri)?.diagnostics[0]?.severity === 2);
    // a config file change arrives as a watched-file event only
    fs.writeFileSync(path.join(dir, '.shipguard.json'), JSON.stringify({ rules: { [RULE]: 'off' } }));
    await h.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('.shipguard.json'), type: 2 }] });
    await h.waitFor('rule switched off by .shipguard.json', () => h.diagnostics.get(uri)?.diagnostics.length === 0);
    fs.writeFileSync(path.join(dir, '.shipguard.json'), JSON.stringify({ rules: {} }));
    await h.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('.shipguard.json'), type: 2 }] });
    await h.waitFor('rule back on', () => h.diagnostics.get(uri)?.diagnostics.length === 1);
  });

  it('scans the workspace with progress, publishing diagnostics for files that are not open, honouring .gitignore', async function () {
    fs.mkdirSync(path.join(dir, 'svc'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'ignored'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.gitignore'), 'ignored/\n');
    fs.writeFileSync(path.join(dir, 'svc', 'client.py'), 'import requests\n\ndef ping():\n    return requests.post("https://x", data={})\n');
    fs.writeFileSync(path.join(dir, 'ignored', 'x.py'), 'import requests\nrequests.get(u)\n');
    // a Next.js-style route group: VS Code spells it %28auth%29 in URIs, Node's pathToFileURL keeps (auth)
    fs.mkdirSync(path.join(dir, 'svc', '(auth)'), { recursive: true });
    const bracketPath = path.join(dir, 'svc', '(auth)', 'views.py');
    fs.writeFileSync(bracketPath, 'import requests\nrequests.get(u)\n');
    const vscodeUri = pathToFileURL(bracketPath).href.replace('(', '%28').replace(')', '%29');
    assert.notEqual(vscodeUri, pathToFileURL(bracketPath).href);
    h.open(vscodeUri, 'python', 'import requests\nrequests.get(u, timeout=5)\n');
    assert.deepEqual(await h.diagnosticsFor(vscodeUri, 1), []);
    // on disk as well as open: the open document's text and version win
    fs.writeFileSync(path.join(dir, 'app.py'), PY.replace('requests.get(url)', 'requests.get(url, timeout=1)'));
    const summary = (await h.conn.sendRequest('workspace/executeCommand', { command: 'shipguard.server.scanWorkspace', arguments: [] })) as {
      files: number;
      findings: number;
      cancelled: boolean;
    };
    assert.equal(summary.cancelled, false);
    assert.ok(summary.files >= 1);
    const svc = pathToFileURL(path.join(dir, 'svc', 'client.py')).href;
    await h.waitFor('scan diagnostics for svc/client.py', () => h.diagnostics.get(svc)?.diagnostics.length === 1);
    assert.equal(h.diagnostics.get(svc)!.diagnostics[0].code, RULE);
    assert.deepEqual(h.diagnostics.get(svc)!.diagnostics[0].range.start, { line: 3, character: 11 });
    assert.equal(h.diagnostics.get(pathToFileURL(path.join(dir, 'ignored', 'x.py')).href), undefined, '.gitignore honoured');
    assert.equal(h.diagnostics.get(pathToFileURL(bracketPath).href), undefined, 'the open document keeps its live diagnostics, whatever the URI spelling');
    assert.deepEqual(h.diagnostics.get(vscodeUri)!.diagnostics, []);
    const kinds = h.progress.map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
    assert.ok(h.progress.some((p) => p.value.kind === 'report' && p.value.percentage === 100));

    // the codemod edit for the whole workspace, annotated for the refactor preview
    const res = (await h.conn.sendRequest('shipguard/codemodEdit', { ruleId: RULE, unsafe: false })) as {
      edit: WorkspaceEdit;
      files: number;
      fixes: number;
      perFile: Array<{ uri: string; fixes: number }>;
    };
    assert.ok(res.files >= 2, `files: ${res.files}`);
    const change = (res.edit.documentChanges as TextDocumentEdit[]).find((c) => c.textDocument.uri === svc);
    assert.ok(change);
    assert.equal(change.textDocument.version, null, 'a closed file is edited on disk content');
    const annotated = change.edits[0] as TextEdit & { annotationId?: string };
    // the annotation names the rule for the preview; whether to review first is the client's decision
    const annotation = annotated.annotationId ? res.edit.changeAnnotations?.[annotated.annotationId] : undefined;
    assert.equal(annotation?.label, `shipguard: ${RULE}`);
    assert.ok(!annotation?.needsConfirmation, 'the server asks for no confirmation');
    assert.deepEqual(res.perFile.map((f) => f.uri).sort(), (res.edit.documentChanges as TextDocumentEdit[]).map((c) => c.textDocument.uri).sort());
    assert.equal(res.perFile.reduce((n, f) => n + f.fixes, 0), res.fixes);
    const open = (res.edit.documentChanges as TextDocumentEdit[]).find((c) => c.textDocument.uri === uriOf('app.py'));
    assert.equal(open?.textDocument.version, 3, 'an open document is edited at its current version');
    const fixedSvc = TextDocument.applyEdits(TextDocument.create(svc, 'python', 0, fs.readFileSync(path.join(dir, 'svc', 'client.py'), 'utf8')), change.edits as TextEdit[]);
    assert.match(fixedSvc, /requests\.post\("https:\/\/x", data=\{\}, timeout=10\)/);

    const rules = (await h.conn.sendRequest('shipguard/rules')) as Array<{ id: string; fixable: boolean }>;
    assert.ok(rules.some((r) => r.id === RULE && r.fixable));
    const docs = (await h.conn.sendRequest('shipguard/ruleDocs', { id: RULE })) as { markdown: string };
    assert.match(docs.markdown, /^# request-without-timeout/);
  });

  it('cancels a workspace scan from the progress notification', async function () {
    const many = path.join(dir, 'many');
    fs.mkdirSync(many, { recursive: true });
    for (let i = 0; i < 2500; i++) fs.writeFileSync(path.join(many, `m${i}.py`), `import requests\n\ndef f${i}(u):\n    return requests.get(u)\n`);
    const seen = h.progress.length;
    const pending = h.conn.sendRequest('workspace/executeCommand', { command: 'shipguard.server.scanWorkspace', arguments: [] }) as Promise<{
      files: number;
      cancelled: boolean;
    }>;
    await h.waitFor('the scan to begin', () => h.progress.slice(seen).some((p) => p.value.kind === 'begin'));
    const token = h.progress.slice(seen).find((p) => p.value.kind === 'begin')!.token;
    await h.conn.sendNotification('window/workDoneProgress/cancel', { token });
    const summary = await pending;
    assert.equal(summary.cancelled, true);
    assert.ok(summary.files < 2500, `stopped early (${summary.files} files)`);
    await h.waitFor('progress end', () => h.progress.slice(seen).some((p) => p.value.kind === 'end'));
    // the server still answers
    assert.ok(await h.hover(uriOf('app.py'), lineOf(PY, 'requests.get(url)').line, lineOf(PY, 'requests.get(url)').character));
  });

  it('shuts down and exits cleanly', async function () {
    const code = await h.shutdown();
    assert.equal(code, 0);
  });
});

describe('language server over node ipc (how VS Code starts it)', function () {
  this.timeout(60_000);

  it('lints an untitled document and offers snippet edits to a client that supports them', async function () {
    await withIpcServer({}, async (conn, open) => {
      const uri = 'untitled:Untitled-1';
      const d = await open(uri, 'python', 'import requests\n\nif True:\n    requests.delete(u)\n');
      assert.equal(d.length, 1);
      assert.equal(d[0].code, RULE);
      const actions = (await conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: d[0].range,
        context: { diagnostics: d },
      })) as CodeAction[];
      const suppress = actions.find((a) => a.title.startsWith('Suppress'));
      const edit = (suppress?.edit?.documentChanges as TextDocumentEdit[])[0].edits[0] as unknown as { snippet: { kind: string; value: string } };
      assert.equal(edit.snippet.kind, 'snippet');
      assert.match(edit.snippet.value, /^ {4}# shipguard: ignore\[request-without-timeout\] \$\{1:[^}]+\}\n$/);
    });
  });

  it('offers a fix that needs input as a snippet quick fix, and leaves it out of fix-all', async function () {
    await withIpcServer({ unsafeFixes: true }, async (conn, open) => {
      const uri = 'untitled:Untitled-2';
      const text = [
        'import stripe',
        '',
        '',
        'def pay(order):',
        '    return stripe.PaymentIntent.create(amount=order.total_cents, currency="eur", metadata={"order_id": order.id})',
        '',
        '',
        'def topup(amount):',
        '    return stripe.Topup.create(amount=amount, currency="usd")',
        '',
      ].join('\n');
      const d = await open(uri, 'python', text);
      assert.deepEqual(d.map((x) => [x.code, x.range.start.line]), [['stripe-idempotency-key', 4], ['stripe-idempotency-key', 8]]);
      const actions = (await conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: d[1].range,
        context: { diagnostics: [d[1]] },
      })) as CodeAction[];
      const fix = actions.find((a) => a.title.includes('placeholder'));
      assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
      const edit = (fix.edit?.documentChanges as TextDocumentEdit[])[0].edits[0] as unknown as { snippet: { kind: string; value: string } };
      assert.equal(edit.snippet.kind, 'snippet');
      // the placeholder is the tab stop; the f-string's own `}` is escaped for the snippet syntax
      assert.equal(edit.snippet.value, ', idempotency_key=f"topup-{${1:TODO_STABLE_ID}\\}"');
      // fix-all (on save) applies the key it can derive, and not the one that needs input
      const all = (await conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'] },
      })) as CodeAction[];
      assert.equal(all.length, 1);
      const edits = (all[0].edit!.documentChanges as TextDocumentEdit[])[0].edits as TextEdit[];
      assert.deepEqual(edits.map((e) => [e.range.start.line, e.newText]), [[4, ', idempotency_key=f"payment-intent-{order.id}"']]);
    });
  });
});

/** Starts the server over node IPC with snippet support and the given client settings; `open` returns the document's diagnostics. */
async function withIpcServer(
  settings: Record<string, unknown>,
  body: (conn: MessageConnection, open: (uri: string, languageId: string, text: string) => Promise<Diagnostic[]>) => Promise<void>,
): Promise<void> {
  const { IPCMessageReader, IPCMessageWriter } = await import('vscode-languageserver/node');
  const proc = cp.fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const conn = createMessageConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
  const diags = new Map<string, PublishDiagnosticsParams>();
  const waiters: Array<() => void> = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    diags.set(p.uri, p);
    waiters.splice(0).forEach((w) => w());
  });
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
  try {
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        workspace: { configuration: true, workspaceEdit: { documentChanges: true, snippetEditSupport: true } },
      },
    });
    await conn.sendNotification('initialized', {});
    const open = async (uri: string, languageId: string, text: string): Promise<Diagnostic[]> => {
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      const deadline = Date.now() + 10_000;
      while (diags.get(uri)?.version !== 1) {
        if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, Math.max(0, deadline - Date.now()));
        });
      }
      return diags.get(uri)!.diagnostics;
    };
    await body(conn, open);
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    assert.equal(await exited, 0);
  } finally {
    conn.dispose();
    if (proc.exitCode === null) proc.kill();
  }
}

describe('language server: config errors and the end of the session', function () {
  this.timeout(60_000);
  let dir: string;
  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a misspelt config is shown once as an error while the server runs on defaults; requests after shutdown get InvalidRequest', async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipguard-lsp-cfg-')));
    fs.writeFileSync(path.join(dir, '.shipguard.json'), '{ "rules": { "request-without-timout": "off" } }');
    const h = new Harness();
    const shown: Array<{ type: number; message: string }> = [];
    h.conn.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      shown.push(p);
    });
    try {
      await h.initialize(dir);
      const code = 'import requests\nrequests.get("https://x")\n';
      const a = pathToFileURL(path.join(dir, 'a.py')).href;
      const b = pathToFileURL(path.join(dir, 'b.py')).href;
      h.open(a, 'python', code);
      const diags = await h.diagnosticsFor(a, 1);
      assert.deepEqual(diags.map((d) => d.code), [RULE], 'defaults apply: the rule is on');
      h.open(b, 'python', code);
      await h.diagnosticsFor(b, 1);
      assert.equal(shown.length, 1, JSON.stringify(shown) + h.logs.join("\n"));
      assert.equal(shown[0].type, 1, 'an error message');
      assert.match(shown[0].message, /configuration has errors and is not used \(defaults apply\): .*\.shipguard\.json:1:14: unknown rule "request-without-timout"; did you mean "request-without-timeout"\?/);
      await h.conn.sendRequest('shutdown');
      await assert.rejects(h.hover(a, 1, 2), (e: { code?: number }) => e.code === -32600);
      await h.conn.sendNotification('exit');
      await h.waitFor('exit', () => h.exitCode !== null, 5000);
      assert.equal(h.exitCode, 0);
    } finally {
      h.kill();
    }
  });
});
