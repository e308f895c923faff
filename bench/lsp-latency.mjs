#!/usr/bin/env node
// Editor latency through the language server, as an editor sees it.
//   usage: node lsp-latency.mjs SERVER_CMD FILE [EDITS]
//   SERVER_CMD e.g. "node bin/shipguard.js lsp --stdio" (bench/run.mjs runs it on two real files)
// Opens FILE, waits for its first diagnostics (open latency), then makes EDITS (default 30)
// one-character edits at spread-out lines, each waiting for the diagnostics of that version.
// Prints open ms, and p50/p95/max of (edit -> diagnostics) and of that minus the server's
// debounce (the second figure is compute time; read the debounce from the server's source).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [cmd, file, editsArg] = process.argv.slice(2);
const DEBOUNCE = Number(process.env.DEBOUNCE_MS ?? 150);
const edits = Number(editsArg ?? 30);
const text = fs.readFileSync(file, 'utf8');
const uri = pathToFileURL(path.resolve(file)).href;
const languageId = /\.py$/.test(file) ? 'python' : /\.tsx?$/.test(file) ? 'typescript' : 'javascript';
const parts = cmd.split(' ');
const child = spawn(parts[0], parts.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
let buf = Buffer.alloc(0);
const waiters = [];
let id = 0;
function send(msg) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }));
  child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  child.stdin.write(body);
}
const pending = new Map();
function request(method, params) {
  const i = ++id;
  send({ id: i, method, params });
  return new Promise((r) => pending.set(i, r));
}
child.stdout.on('data', (d) => {
  buf = Buffer.concat([buf, d]);
  for (;;) {
    const h = buf.indexOf('\r\n\r\n');
    if (h < 0) return;
    const len = Number(/Content-Length: (\d+)/i.exec(buf.slice(0, h).toString())[1]);
    if (buf.length < h + 4 + len) return;
    const msg = JSON.parse(buf.slice(h + 4, h + 4 + len).toString());
    buf = buf.slice(h + 4 + len);
    if (msg.id !== undefined && pending.has(msg.id) && !msg.method) { pending.get(msg.id)(msg.result); pending.delete(msg.id); }
    else if (msg.id !== undefined && msg.method) send({ id: msg.id, result: msg.method === 'workspace/configuration' ? (msg.params.items || []).map(() => null) : null });
    else if (msg.method === 'textDocument/publishDiagnostics' && msg.params.uri === uri) {
      for (const w of waiters.splice(0)) w(msg.params);
    }
  }
});
const nextDiag = (version) => new Promise((res) => {
  const wait = () => waiters.push((p) => (version === undefined || p.version === undefined || p.version >= version ? res(p) : wait()));
  wait();
});
const pct = (a, q) => a.slice().sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(q * a.length))];

await request('initialize', { processId: process.pid, rootUri: pathToFileURL(path.dirname(path.resolve(file))).href, capabilities: { workspace: { configuration: true } } });
send({ method: 'initialized', params: {} });
let t = performance.now();
let p = nextDiag();
send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId, version: 1, text } } });
const first = await p;
const openMs = performance.now() - t;
const lines = text.split('\n');
const lat = [];
for (let v = 2; v < 2 + edits; v++) {
  const line = Math.floor(((v * 7919) % lines.length));
  p = nextDiag(v);
  t = performance.now();
  send({ method: 'textDocument/didChange', params: { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: v % 2 ? '#' : ' ' }] } });
  await p;
  lat.push(performance.now() - t);
}
const comp = lat.map((x) => Math.max(0, x - DEBOUNCE));
console.log(JSON.stringify({ file: path.basename(file), lines: lines.length, diagnostics: first.diagnostics.length, openMs: Math.round(openMs), editP50: Math.round(pct(lat, 0.5)), editP95: Math.round(pct(lat, 0.95)), editMax: Math.round(Math.max(...lat)), computeP50: Math.round(pct(comp, 0.5)), computeP95: Math.round(pct(comp, 0.95)), debounceAssumed: DEBOUNCE }));
await request('shutdown');
send({ method: 'exit' });
setTimeout(() => process.exit(0), 300);
