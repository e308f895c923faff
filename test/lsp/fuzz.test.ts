/**
 * Fuzzing through the server process, not only the engine: mutated sources
 * (tokens deleted or duplicated, truncations), 10,000 nested brackets, a
 * 5 MB line, invalid UTF-8 bytes on the wire, NUL bytes and mixed line
 * endings are opened in the built server over stdio. For each one the server
 * answers with diagnostics within a time budget, every code action it offers
 * (quick fixes at each diagnostic, fix-all) is bound to the version it was
 * computed on and its edit re-parses with no new syntax error, and at the end
 * the process is alive, answering, and logged no handler error.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, TextDocumentEdit, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Harness, ROOT, assertBuilt } from './harness';
import { rng } from '../harness';
import { initPython, parsePython, countSyntaxErrors } from '../../server/src/lang/python/parser';
import { parseJs, countJsSyntaxErrors } from '../../server/src/lang/js/parser';

/** Per document: from didOpen to its diagnostics. */
const BUDGET_MS = 10_000;

const SEEDS = ['examples/django-shop/tickets/services.py', 'examples/flask-billing/app.py', 'examples/express-store/src/routes/tickets.ts'];

function syntaxErrors(name: string, text: string): number {
  if (name.endsWith('.py')) {
    const tree = parsePython(text);
    try {
      return countSyntaxErrors(tree.rootNode);
    } finally {
      tree.delete();
    }
  }
  return countJsSyntaxErrors(parseJs(name, text));
}

interface Case {
  name: string;
  languageId: string;
  /** The text as the server holds it. */
  text: string;
  /** Sent as raw bytes in the didOpen frame (invalid UTF-8 on the wire) instead of through the JSON writer. */
  raw?: Buffer;
}

function cases(): Case[] {
  const rand = rng(20261202);
  const out: Case[] = [];
  for (const seed of SEEDS) {
    const text = fs.readFileSync(path.join(ROOT, seed), 'utf8');
    const ext = path.extname(seed);
    const languageId = ext === '.py' ? 'python' : 'typescript';
    const base = path.basename(seed, ext);
    const tokens = [...text.matchAll(/\w+|[^\s\w]/g)];
    const pick = () => tokens[Math.floor(rand() * tokens.length)];
    for (let i = 0; i < 4; i++) {
      // deleted tokens
      let t = text;
      for (const m of Array.from({ length: 3 }, pick).sort((a, b) => b.index! - a.index!)) t = t.slice(0, m.index!) + t.slice(m.index! + m[0].length);
      out.push({ name: `${base}-del${i}${ext}`, languageId, text: t });
      // duplicated tokens
      t = text;
      for (const m of Array.from({ length: 3 }, pick).sort((a, b) => b.index! - a.index!)) t = t.slice(0, m.index! + m[0].length) + m[0] + t.slice(m.index! + m[0].length);
      out.push({ name: `${base}-dup${i}${ext}`, languageId, text: t });
      // truncated
      out.push({ name: `${base}-cut${i}${ext}`, languageId, text: text.slice(0, Math.floor(rand() * text.length)) });
    }
  }
  const PY = 'import requests\n\ndef f(u):\n    return requests.get(u)\n';
  const TS = 'import axios from "axios";\nexport const f = (u: string) => axios.get(u);\n';
  // one bracket a line, so the file does not look minified
  out.push({ name: 'nest.py', languageId: 'python', text: `${PY}x = ${'(\n'.repeat(10_000)}1${')\n'.repeat(10_000)}` });
  out.push({ name: 'nest.ts', languageId: 'typescript', text: `${TS}const x = ${'[\n'.repeat(10_000)}1${']\n'.repeat(10_000)};\n` });
  out.push({ name: 'unclosed.ts', languageId: 'typescript', text: `${TS}f(${'{\n'.repeat(10_000)}` });
  out.push({ name: 'longline.py', languageId: 'python', text: `${PY}x = "${'a'.repeat(5_000_000)}"\n` });
  out.push({ name: 'nul.py', languageId: 'python', text: `${PY}\u0000\u0000x = 1\n` });
  out.push({ name: 'mixed.py', languageId: 'python', text: 'import requests\r\n\rdef f(u):\r\n    return requests.get(u)\r    pass\n\r\n' });
  out.push({ name: 'mixed.ts', languageId: 'typescript', text: TS.replace('\n', '\r') + 'export const g = (u: string) => axios.post(u, {});\r\n' });
  // invalid UTF-8 inside the JSON string of the didOpen frame: the server decodes it as the reader does
  const bad = Buffer.concat([Buffer.from(PY), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82, 0x0a]), Buffer.from('requests.get(u)\n')]);
  out.push({ name: 'badutf8.py', languageId: 'python', text: bad.toString('utf8'), raw: bad });
  return out;
}

/** A didOpen frame whose text is `raw` bytes as they are (not valid UTF-8), escaped for JSON where needed. */
function rawOpenFrame(uri: string, languageId: string, raw: Buffer): Buffer {
  const esc: number[] = [];
  for (const b of raw) {
    if (b === 0x22 || b === 0x5c) esc.push(0x5c, b);
    else if (b === 0x0a) esc.push(0x5c, 0x6e);
    else if (b === 0x0d) esc.push(0x5c, 0x72);
    else if (b < 0x20) esc.push(...Buffer.from(`\\u${b.toString(16).padStart(4, '0')}`));
    else esc.push(b);
  }
  const head = Buffer.from(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":${JSON.stringify(uri)},"languageId":"${languageId}","version":1,"text":"`);
  const body = Buffer.concat([head, Buffer.from(esc), Buffer.from('"}}}')]);
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
}

describe('language server fuzzed over stdio', function () {
  this.timeout(90_000);
  let h: Harness;
  let dir: string;

  before(async function () {
    assertBuilt();
    await initPython();
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipguard-fuzz-')));
    fs.writeFileSync(path.join(dir, '.shipguard.json'), '{}\n');
    h = new Harness();
    // large enough that the 5 MB line reaches the size check after the minified check
    h.settings = { ...h.settings, maxFileSize: 8_000_000 };
    await h.initialize(dir);
  });

  after(function () {
    h?.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('every mutated input gets diagnostics within the budget, every offered edit re-parses, and the server lives on', async function () {
    const all = cases();
    const slow: string[] = [];
    let actionsChecked = 0;
    let withFindings = 0;
    const start = Date.now();
    for (const c of all) {
      const uri = pathToFileURL(path.join(dir, c.name)).href;
      const t0 = Date.now();
      if (c.raw) {
        await new Promise<void>((resolve, reject) => h.proc.stdin.write(rawOpenFrame(uri, c.languageId, c.raw!), (e) => (e ? reject(e) : resolve())));
      } else h.open(uri, c.languageId, c.text, 1);
      await h.waitFor(`diagnostics of ${c.name}`, () => h.diagnostics.get(uri)?.version === 1, BUDGET_MS * 2);
      const ms = Date.now() - t0;
      if (ms > BUDGET_MS) slow.push(`${c.name} ${ms} ms`);
      const diags = h.diagnostics.get(uri)!.diagnostics;
      if (diags.length) withFindings++;
      const doc = TextDocument.create(uri, c.languageId, 1, c.text);
      // every diagnostic lies inside the document
      for (const d of diags) assert.ok(d.range.end.line < doc.lineCount, `${c.name}: diagnostic past the end (${JSON.stringify(d.range)})`);
      if (c.raw) {
        // the server read the bytes as this test decodes them: the call after the bad bytes is where it is here
        const found = diags.map((d) => `${d.range.start.line}:${doc.getText(d.range)}`);
        assert.deepEqual(found, ['3:requests.get', `${doc.lineCount - 2}:requests.get`], c.name);
      }
      // parsed here only when there is an edit to compare with (the refused deep inputs offer none)
      let before: number | undefined;
      const requests: Array<Promise<CodeAction[]>> = diags.slice(0, 12).map((d) => h.codeActions(uri, d.range, [d]));
      requests.push(h.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.shipguard']));
      for (const actions of await Promise.all(requests)) {
        for (const a of actions) {
          if (!a.edit) continue;
          const mine = ((a.edit.documentChanges ?? []) as TextDocumentEdit[]).filter((x) => 'textDocument' in x && x.textDocument.uri === uri);
          for (const change of mine) {
            assert.equal(change.textDocument.version, 1, `${c.name}: "${a.title}" is bound to the version it was computed on`);
            const fixed = TextDocument.applyEdits(doc, change.edits as TextEdit[]);
            before ??= syntaxErrors(c.name, c.text);
            const after = syntaxErrors(c.name, fixed);
            assert.ok(after <= before, `${c.name}: "${a.title}" adds syntax errors (${before} -> ${after})`);
            actionsChecked++;
          }
        }
      }
      h.close(uri);
    }
    const total = Date.now() - start;
    console.log(`      ${all.length} inputs in ${(total / 1000).toFixed(1)} s, ${withFindings} with findings, ${actionsChecked} code action edits re-parsed`);
    assert.deepEqual(slow, [], `over the ${BUDGET_MS} ms budget`);
    assert.ok(actionsChecked > 20, 'mutated inputs still offer fixes, and they were checked');
    // alive, answering, and nothing went wrong inside a handler
    assert.equal(h.exitCode, null);
    assert.equal(await h.hover(pathToFileURL(path.join(dir, 'none.py')).href, 0, 0), null);
    const errors = h.logs.filter((l) => /^error in |uncaught exception|unhandled rejection/.test(l));
    assert.deepEqual(errors, []);
    // the inputs the server refuses say why in its log
    for (const why of [/nest\.py: .*nested more than/, /nul\.py: looks binary/, /longline\.py: looks minified/]) {
      assert.ok(h.logs.some((l) => why.test(l)), `log says ${why}: ${h.logs.filter((l) => l.startsWith('skipped')).join('\n')}`);
    }
  });
});
