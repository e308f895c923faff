/**
 * The built bundles open no sockets: the CLI (scan with worker threads, fix
 * with unsafe fixes) and the language server (lint, code actions, fix-all,
 * workspace scan, codemod) run with every way out of the process trapped:
 * net/tls connections, http(s) requests, DNS lookups, UDP sockets, fetch and
 * WebSocket. Each trap records the attempt and throws. A control run checks
 * that the traps fire.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { Harness, ROOT, assertBuilt } from '../lsp/harness';

const BIN = path.join(ROOT, 'bin', 'shipguard.js');

/** A preload that replaces every network entry point with a trap writing to `log` (one JSON line per attempt). */
function trapScript(log: string): string {
  return `'use strict';
const fs = require('fs');
// which threads ran under the traps (worker threads load the preload too)
fs.appendFileSync(${JSON.stringify(log + '.threads')}, (require('worker_threads').isMainThread ? 'main' : 'worker') + '\\n');
const record = (what) => {
  fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ what, pid: process.pid, stack: new Error().stack.split('\\n').slice(2, 6).join(' | ') }) + '\\n');
  throw new Error('shipguard test: network access attempted: ' + what);
};
const net = require('net');
net.Socket.prototype.connect = function () { return record('net.Socket.prototype.connect'); };
net.connect = net.createConnection = () => record('net.connect');
const tls = require('tls');
tls.connect = () => record('tls.connect');
for (const name of ['http', 'https']) {
  const m = require(name);
  m.request = () => record(name + '.request');
  m.get = () => record(name + '.get');
}
const http2 = require('http2');
http2.connect = () => record('http2.connect');
const dns = require('dns');
for (const f of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) dns[f] = () => record('dns.' + f);
dns.promises.lookup = () => record('dns.promises.lookup');
const dgram = require('dgram');
dgram.createSocket = () => record('dgram.createSocket');
globalThis.fetch = () => record('fetch');
if (globalThis.WebSocket) globalThis.WebSocket = function () { return record('WebSocket'); };
`;
}

const UNSAFE_PY = 'import requests\nimport stripe\n\n\ndef pay(order):\n    stripe.Charge.create(amount=order.total, metadata={"order_id": order.id})\n    return requests.get("https://api.example.com/rates").json()\n';
const TS = 'import axios from "axios";\nexport const rates = () => axios.get("https://api.example.com/rates");\n';

describe('the bundles open no sockets', function () {
  this.timeout(120_000);
  let dir = '';
  let log = '';
  let trap = '';
  const attempts = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : []);

  before(() => {
    assertBuilt();
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipguard-offline-')));
    log = path.join(dir, 'attempts.jsonl');
    trap = path.join(dir, 'trap.cjs');
    fs.writeFileSync(trap, trapScript(log));
    // a workspace: the examples, and a file of each language with fixes
    fs.cpSync(path.join(ROOT, 'examples'), path.join(dir, 'ws'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'ws', 'pay.py'), UNSAFE_PY);
    fs.writeFileSync(path.join(dir, 'ws', 'rates.ts'), TS);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[]) =>
    spawnSync(process.execPath, ['--require', trap, BIN, ...args], { cwd: path.join(dir, 'ws'), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('the traps fire (control): an http request, a connection and fetch from a trapped process are recorded', () => {
    const r = spawnSync(
      process.execPath,
      ['--require', trap, '-e', "for (const f of [() => require('http').request('http://127.0.0.1:9'), () => require('net').connect(9, '127.0.0.1'), () => fetch('http://127.0.0.1:9')]) { try { f(); } catch {} }"],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(attempts().map((l) => JSON.parse(l).what), ['http.request', 'net.connect', 'fetch']);
    fs.rmSync(log);
  });

  it('CLI: scan (worker threads), fix --unsafe-fixes and explain touch no network', () => {
    fs.rmSync(`${log}.threads`, { force: true });
    const scan = run(['scan', '--jobs', '2', '--no-cache', '--format', 'json']);
    assert.ok(fs.readFileSync(`${log}.threads`, 'utf8').includes('worker'), 'the scan ran worker threads, trapped as well');
    assert.equal(scan.status, 1, scan.stderr);
    const report = JSON.parse(scan.stdout) as { summary: { findings: number; scanned: number } };
    assert.ok(report.summary.findings > 50 && report.summary.scanned > 50, JSON.stringify(report.summary));
    const fix = run(['fix', '--unsafe-fixes', '--no-cache', '.']);
    assert.ok(fix.status === 0 || fix.status === 1, fix.stderr);
    assert.match(fix.stdout, /Fixed \d+ issues? in \d+ files?/);
    assert.match(fs.readFileSync(path.join(dir, 'ws', 'pay.py'), 'utf8'), /timeout=/);
    assert.equal(run(['explain', 'request-without-timeout']).status, 0);
    assert.deepEqual(attempts(), []);
  });

  it('language server: lint, code actions, fix-all, workspace scan and codemod touch no network', async () => {
    const h = new Harness(['--require', trap]);
    try {
      const ws = path.join(dir, 'ws');
      await h.initialize(ws);
      const uri = pathToFileURL(path.join(ws, 'rates.ts')).href;
      fs.writeFileSync(path.join(ws, 'rates.ts'), TS);
      h.open(uri, 'typescript', TS, 1);
      const diags: Diagnostic[] = await h.diagnosticsFor(uri, 1);
      assert.ok(diags.length >= 1);
      const actions: CodeAction[] = await h.codeActions(uri, diags[0].range, diags);
      assert.ok(actions.some((a) => a.edit));
      await h.codeActions(uri, diags[0].range, [], ['source.fixAll.shipguard']);
      const summary = (await h.conn.sendRequest('workspace/executeCommand', { command: 'shipguard.server.scanWorkspace', arguments: [] })) as { files: number };
      assert.ok(summary.files > 10);
      const codemod = (await h.conn.sendRequest('shipguard/codemodEdit', { ruleId: 'request-without-timeout', unsafe: false })) as { files: number };
      assert.ok(codemod.files >= 1);
      assert.ok(await h.hover(uri, diags[0].range.start.line, diags[0].range.start.character + 1));
      assert.equal(await h.shutdown(), 0);
    } finally {
      h.kill();
    }
    assert.deepEqual(attempts(), []);
  });
});
