/**
 * The language server under load, as a real process over stdio: hundreds of
 * changes a second to one document, versions out of order, a document closed
 * while it is analysed, a workspace scan cancelled midway with edits arriving
 * during it, and fixes asked for a version the document has left. At the end
 * of each storm only the latest version's diagnostics stand, no edit is bound
 * to a version the document has left, and the server's memory (RSS, read from
 * /proc) comes back to where it was instead of growing storm after storm.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, TextDocumentEdit } from 'vscode-languageserver';
import { Harness, assertBuilt } from './harness';

const RULE = 'request-without-timeout';

/** A Python module with `calls` unbounded requests calls (one finding each), the version written in a comment. */
function module(version: number, calls: number): string {
  const out = ['import requests', '', `# version ${version}`];
  for (let i = 0; i < calls; i++) out.push('', `def fetch_${i}(url):`, `    return requests.get(url + "/${i}").json()`);
  return out.join('\n') + '\n';
}

/** Resident set size of a process, in bytes (Linux /proc). */
function rss(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) * 1024;
}

const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;

describe('language server under load (stdio)', function () {
  this.timeout(120_000);
  let h: Harness;
  let dir: string;
  const uriOf = (name: string) => pathToFileURL(path.join(dir, name)).href;

  before(async function () {
    if (process.platform !== 'linux') this.skip();
    assertBuilt();
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipguard-load-')));
    fs.writeFileSync(path.join(dir, '.shipguard.json'), '{}\n');
    h = new Harness();
    await h.initialize(dir);
  });

  after(function () {
    h?.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A request answered: every notification sent before it has been handled. */
  const roundTrip = () => h.hover(uriOf('none.py'), 0, 0);

  /** Findings of the rule in the latest diagnostics of `uri`, once they are for `version`. */
  async function settled(uri: string, version: number, ms = 20_000): Promise<number> {
    await h.waitFor(`diagnostics of v${version}`, () => h.diagnostics.get(uri)?.version === version, ms);
    return h.diagnostics.get(uri)!.diagnostics.filter((d) => d.code === RULE).length;
  }

  /**
   * 600 full-text changes to one document in about two seconds (versions 2..601, each text with its
   * version's number of findings), then quiet: the last diagnostics are version 601's, with its findings.
   */
  async function storm(name: string): Promise<{ publishes: number }> {
    const uri = uriOf(name);
    const before = h.published.length;
    h.open(uri, 'python', module(1, 1), 1);
    const N = 600;
    const t0 = Date.now();
    for (let v = 2; v <= N + 1; v++) {
      h.change(uri, v, module(v, v % 7));
      // about 300 a second: a burst of ten, then a pause
      if (v % 10 === 0) await new Promise((r) => setTimeout(r, Math.max(0, (v * 1000) / 300 - (Date.now() - t0))));
    }
    const found = await settled(uri, N + 1);
    assert.equal(found, (N + 1) % 7, 'the findings of the last version');
    await roundTrip();
    const mine = h.published.slice(before).filter((p) => p.uri === uri);
    const last = mine[mine.length - 1];
    assert.equal(last.version, N + 1, `the last diagnostics published are the latest version's (got v${last.version})`);
    // versions published only grow: a slow analysis never lands after a newer one
    for (let i = 1; i < mine.length; i++) assert.ok((mine[i].version ?? 0) >= (mine[i - 1].version ?? 0), `v${mine[i].version} published after v${mine[i - 1].version}`);
    h.close(uri);
    await h.waitFor('diagnostics cleared on close', () => h.diagnostics.get(uri)?.diagnostics.length === 0 && h.diagnostics.get(uri)?.version === undefined);
    return { publishes: mine.length };
  }

  it('hundreds of changes a second to one document: debounced, and only the latest version\'s diagnostics stand', async function () {
    const { publishes } = await storm('storm.py');
    // linted on open and after the typing stops, not once per change
    assert.ok(publishes < 60, `${publishes} publishes for 600 changes`);
  });

  it('versions out of order: a change older than the document is dropped, its text and diagnostics never come back', async function () {
    const uri = uriOf('order.py');
    h.open(uri, 'python', module(1, 1), 1);
    assert.equal(await settled(uri, 1), 1);
    h.change(uri, 5, module(5, 3));
    h.change(uri, 3, module(3, 6)); // overtaken: version 5 is newer
    h.change(uri, 4, module(4, 6));
    assert.equal(await settled(uri, 5), 3, 'version 5 is what the document holds');
    await roundTrip();
    // the document the server holds is version 5's text: a fix-all for it is computed on that text
    const all = (await h.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.shipguard'])) as CodeAction[];
    const change = (all[0].edit!.documentChanges as TextDocumentEdit[])[0];
    assert.equal(change.textDocument.version, 5);
    assert.equal(change.edits.length, 3, 'three findings to fix, as in version 5');
    assert.ok(h.logs.some((l) => /ignored a change to .*order\.py for version 3: the document is at version 5/.test(l)));
    // newer versions still apply
    h.change(uri, 6, module(6, 2));
    assert.equal(await settled(uri, 6), 2);
    h.close(uri);
  });

  it('a fix computed for version N is never applied at N+1: code actions are recomputed, stale commands refused', async function () {
    const uri = uriOf('stale.py');
    const v1 = module(1, 2);
    h.open(uri, 'python', v1, 1);
    await settled(uri, 1);
    const diag = h.diagnostics.get(uri)!.diagnostics[0];
    // the document moves on before the light bulb asks
    h.change(uri, 2, `# a line added above\n${v1}`);
    const actions = await h.codeActions(uri, diag.range, [diag]);
    for (const a of actions) {
      for (const c of (a.edit?.documentChanges ?? []) as TextDocumentEdit[]) assert.equal(c.textDocument.version, 2, `"${a.title}" is bound to the version it was computed on, the current one`);
    }
    // commands carrying the old version are refused, and no edit is sent for them
    const sent = h.applied.length;
    const fixAll = await h.conn.sendRequest('workspace/executeCommand', { command: 'shipguard.server.fixAll', arguments: [{ uri, version: 1 }] });
    const applyFix = await h.conn.sendRequest('workspace/executeCommand', {
      command: 'shipguard.server.applyFix',
      arguments: [{ uri, version: 1, ruleId: RULE, start: 0, end: 1, fixIndex: 0 }],
    });
    assert.equal(fixAll, false);
    assert.equal(applyFix, false);
    assert.equal(h.applied.length, sent, 'no workspace/applyEdit for a stale version');
    assert.ok(h.logs.some((l) => /fix all: .*stale\.py changed since the command was offered \(version 1, now 2\)/.test(l)));
    // at the current version it applies, bound to that version
    assert.equal(await h.conn.sendRequest('workspace/executeCommand', { command: 'shipguard.server.fixAll', arguments: [{ uri, version: 2 }] }), true);
    const edit = h.applied[h.applied.length - 1];
    assert.equal((edit.documentChanges as TextDocumentEdit[])[0].textDocument.version, 2);
    h.close(uri);
  });

  it('a document closed while it is analysed ends with no diagnostics, and the server answers', async function () {
    const uri = uriOf('closed.py');
    // about 1.2 MB: its analysis takes a while
    const big = module(1, 20_000);
    const before = h.published.length;
    h.open(uri, 'python', big, 1);
    h.close(uri);
    await roundTrip();
    await h.waitFor('the closed document cleared', () => {
      const mine = h.published.slice(before).filter((p) => p.uri === uri);
      return mine.length > 0 && mine[mine.length - 1].diagnostics.length === 0;
    }, 30_000);
    await roundTrip();
    const mine = h.published.slice(before).filter((p) => p.uri === uri);
    assert.deepEqual(mine[mine.length - 1].diagnostics, [], 'nothing stands for a closed document');
    assert.ok(await h.hover(uriOf('none.py'), 0, 0) === null);
  });

  it('a workspace scan cancelled midway while an open document is edited: the document keeps its live diagnostics', async function () {
    const many = path.join(dir, 'many');
    fs.mkdirSync(many, { recursive: true });
    for (let i = 0; i < 4000; i++) fs.writeFileSync(path.join(many, `m${i}.py`), module(0, 1));
    const uri = pathToFileURL(path.join(many, 'm0.py')).href;
    h.open(uri, 'python', module(0, 1), 1);
    await settled(uri, 1);
    const seen = h.progress.length;
    const pending = h.conn.sendRequest('workspace/executeCommand', { command: 'shipguard.server.scanWorkspace', arguments: [] }) as Promise<{ files: number; cancelled: boolean }>;
    await h.waitFor('the scan to begin', () => h.progress.slice(seen).some((p) => p.value.kind === 'begin'));
    for (let v = 2; v <= 40; v++) h.change(uri, v, module(v, 4)); // the open file gains findings while the scan runs
    await h.waitFor('the scan midway', () => h.progress.slice(seen).some((p) => p.value.kind === 'report' && (p.value.percentage ?? 0) > 0), 30_000).catch(() => undefined);
    const token = h.progress.slice(seen).find((p) => p.value.kind === 'begin')!.token;
    await h.conn.sendNotification('window/workDoneProgress/cancel', { token });
    const summary = await pending;
    assert.equal(summary.cancelled, true);
    assert.ok(summary.files > 0 && summary.files < 4000, `stopped midway (${summary.files} of 4000 files)`);
    assert.equal(await settled(uri, 40), 4, 'the open document shows its own latest version, not the file on disk the scan read');
    await roundTrip();
    assert.equal(h.diagnostics.get(uri)!.version, 40);
    h.close(uri);
  });

  it('memory returns to its level after each storm instead of growing (server RSS)', async function () {
    const pid = h.proc.pid!;
    /** Typing storm, then big documents opened and closed (about 0.6 MB of text and 10,000 findings each). */
    const round = async (tag: string, big: number) => {
      await storm(`${tag}.py`);
      for (let k = 0; k < big; k++) {
        const uri = uriOf(`${tag}-${k}.py`);
        h.open(uri, 'python', module(k, 10_000), 1);
        await settled(uri, 1, 30_000);
        h.close(uri);
      }
      await roundTrip();
    };
    /** RSS once it stops falling (the server collects when idle after a burst): polled, at most 10 s. */
    const settle = async (): Promise<number> => {
      let last = rss(pid);
      for (let i = 0; i < 40; i++) {
        await new Promise((r) => setTimeout(r, 250));
        const now = rss(pid);
        if (i >= 8 && now >= last - 2e6) return now;
        last = now;
      }
      return last;
    };
    // a warm-up round (the parser's heap grows to the largest file once, code gets compiled), then the level
    await round('warm', 1);
    const level = await settle();
    const peaks: number[] = [];
    const after: number[] = [];
    for (let r = 0; r < 2; r++) {
      await round(`round-${r}`, 3);
      peaks.push(rss(pid));
      after.push(await settle());
    }
    const report = `level after warm-up ${mb(level)}; after each round of 600 changes and 3 big files: peak ${peaks.map(mb).join(', ')}, then ${after.map(mb).join(', ')}`;
    console.log(`      server RSS: ${report}`);
    // back near the level each time (garbage collected and given back), and no growth from round to round
    for (const a of after) assert.ok(a < level * 1.3 + 60e6, `RSS did not come back near ${mb(level)}: ${report}`);
    assert.ok(after[1] < after[0] + 40e6, `RSS grows round after round: ${report}`);
  });
});
