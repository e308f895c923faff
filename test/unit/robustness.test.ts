/**
 * Bad input never crashes: broken syntax, empty, huge, binary, non-UTF-8, BOM
 * and CRLF inputs; and a fuzz loop over the rule fixtures (random spans deleted
 * or duplicated) where lint never throws, no rule fails, and every offered fix
 * applies and re-parses without new syntax errors.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ready, ROOT, rng } from '../harness';
import { lint, type LintResult } from '../../server/src/engine/lint';
import { decodeSource, makeSourceFile, languageOf } from '../../server/src/engine/files';
import { scanBytes } from '../../server/src/engine/report';
import { applyEdits } from '../../server/src/text/edits';
import { defaultConfig } from '../../server/src/engine/config';
import { parsePython, countSyntaxErrors } from '../../server/src/lang/python/parser';
import { parseJs, countJsSyntaxErrors } from '../../server/src/lang/js/parser';
import { RULES } from '../../server/src/rules';
import type { SourceFile } from '../../server/src/engine/types';

const RULE = 'request-without-timeout';
const config = defaultConfig();

function syntaxErrors(file: SourceFile): number {
  if (file.language === 'python') {
    const tree = parsePython(file.text);
    try {
      return countSyntaxErrors(tree.rootNode);
    } finally {
      tree.delete();
    }
  }
  return countJsSyntaxErrors(parseJs(file.path, file.text));
}

function lintChecked(file: SourceFile, computeFixes = true): LintResult {
  const logs: string[] = [];
  const res = lint(file, { rules: RULES, config, computeFixes, log: (m) => logs.push(m) });
  assert.deepEqual(res.failedRules, [], `rules threw on ${file.path}:\n${logs.join('\n')}\n--- input ---\n${file.text}`);
  return res;
}

/** Every offered fix applies and adds no syntax error. */
function checkFixes(file: SourceFile, res: LintResult): number {
  const before = syntaxErrors(file);
  let n = 0;
  for (const f of res.findings) {
    for (const fix of f.fixes) {
      const after = applyEdits(file.text, fix.edits);
      const errs = syntaxErrors({ ...file, text: after });
      assert.ok(errs <= before, `fix "${fix.title}" of ${f.ruleId} adds syntax errors (${before} -> ${errs}) in ${file.path}\n--- input ---\n${file.text}\n--- fixed ---\n${after}`);
      n++;
    }
  }
  return n;
}

describe('robustness', function () {
  this.timeout(120_000);
  before(ready);

  describe('odd inputs', () => {
    it('broken Python: rules run on the partial tree without throwing', () => {
      const text = 'import requests\n\ndef f(:\n    x = requests.get("u"\n    if\nclass :\n  return requests.post(\n';
      const res = lintChecked(makeSourceFile('broken.py', text));
      assert.ok(res.syntaxErrors > 0);
      checkFixes(makeSourceFile('broken.py', text), res);
    });

    it('broken TypeScript and TSX: no exception', () => {
      for (const [name, text] of [
        ['broken.ts', "import axios from 'axios';\nconst x = axios.get(\nfunction ( {\n  await fetch(url\n"],
        // (each text mentions what a rule looks for, so the prefilter lets the parser run)
        ['broken.tsx', 'export default function P() { fetch(u); return <div>{items.map((i) => <span>{i}</div>; }\n'],
        ['broken.js', 'const r = require("axios")\nr.get(`${a`)\n}}}\n'],
      ] as const) {
        const file = makeSourceFile(name, text);
        const res = lintChecked(file);
        assert.ok(res.syntaxErrors > 0, name);
        checkFixes(file, res);
      }
    });

    it('an empty file and a whitespace-only file', () => {
      for (const name of ['empty.py', 'empty.ts', 'empty.js']) {
        assert.deepEqual(lintChecked(makeSourceFile(name, '')).findings, []);
        assert.deepEqual(lintChecked(makeSourceFile(name, '\n\n   \r\n')).findings, []);
      }
    });

    it('a 5 MB generated file is skipped with a size reason; linted when the limit allows it', () => {
      const chunk = 'import requests\n\ndef f(url):\n    data = {"a": [1, 2, 3], "b": "x" * 10}\n    return requests.get(url, timeout=5)\n\n';
      const text = chunk.repeat(Math.ceil(5_000_000 / chunk.length));
      const bytes = Buffer.from(text);
      assert.ok(bytes.length >= 5_000_000);
      const skipped = scanBytes('big.py', bytes, { rules: RULES, config });
      assert.match(skipped.skipped ?? '', /over the 2000000-byte limit/);
      assert.equal(skipped.findings.length, 0);
      const res = scanBytes('big.py', bytes, { rules: RULES, config: { ...config, maxFileSize: 10_000_000 }, only: [RULE] });
      assert.equal(res.skipped, undefined);
      assert.equal(res.findings.length, 0);
      assert.ok(res.lines > 100_000);
    });

    it('binary bytes are skipped with a reason', () => {
      const bytes = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02, 0x00, 0xff]);
      const r = scanBytes('lib.py', bytes, { rules: RULES, config });
      assert.match(r.skipped ?? '', /binary file/);
      const d = decodeSource('lib.ts', bytes, 1e6);
      assert.equal(d.ok, false);
    });

    it('non-UTF-8 bytes are linted with a warning that fixes will not be written', () => {
      const bytes = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nimport requests\nrequests.get("u")\n')]);
      const r = scanBytes('latin1.py', bytes, { rules: RULES, config });
      assert.equal(r.skipped, undefined);
      assert.match(r.warning ?? '', /not valid UTF-8/);
      assert.deepEqual(r.findings.map((f) => [f.ruleId, f.line]), [[RULE, 3]]);
    });

    it('a UTF-8 BOM is dropped before parsing, so offsets and columns are right', () => {
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('import requests\nrequests.get("u")\n')]);
      const r = scanBytes('bom.py', bytes, { rules: RULES, config });
      assert.deepEqual(r.findings.map((f) => [f.line, f.column]), [[2, 1]]);
    });

    it('a CRLF file: findings on the right lines, fixes keep CRLF', () => {
      const text = 'import requests\r\n\r\ndef f(u):\r\n    return requests.get(u)\r\n';
      const file = makeSourceFile('crlf.py', text);
      const res = lintChecked(file);
      assert.equal(res.findings.length, 1);
      const fixed = applyEdits(text, res.findings[0].fixes[0].edits);
      assert.equal(fixed.replace(/\r\n/g, ''), fixed.replace(/\r\n/g, '').replace(/\n/g, ''), 'no bare LF introduced');
      assert.match(fixed, /timeout=10/);
      const r = scanBytes('crlf.py', Buffer.from(text), { rules: RULES, config });
      assert.deepEqual(r.findings.map((f) => f.line), [4]);
    });

    it('minified JavaScript is skipped', () => {
      const text = `var a=${'1+'.repeat(30_000)}1;`;
      const r = scanBytes('bundle.min.js', Buffer.from(text), { rules: RULES, config });
      assert.match(r.skipped ?? '', /minified/);
    });

    it('NUL-free garbage and lone surrogates do not crash', () => {
      const rand = rng(7);
      for (let i = 0; i < 20; i++) {
        let s = '';
        for (let k = 0; k < 300; k++) s += String.fromCharCode(1 + Math.floor(rand() * 0xfffe));
        lintChecked(makeSourceFile(i % 2 ? 'g.py' : 'g.ts', s), false);
      }
    });
  });

  describe('fuzz: mutated rule fixtures', () => {
    const dir = path.join(ROOT, 'test', 'rules');
    const fixtures = fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .flatMap((r) => fs.readdirSync(path.join(dir, r)).map((f) => path.join(dir, r, f)))
          .filter((f) => languageOf(f) && /(^|\/)invalid[^/]*$/.test(f) && !/\.(unsafe-)?fixed\./.test(f))
          .sort()
      : [];

    it('has fixtures to mutate', () => {
      assert.ok(fixtures.length > 0);
    });

    it('deleting and duplicating random spans never throws, and every offered fix re-parses', () => {
      const rand = rng(20240917);
      const perFile = Math.max(2, Math.ceil(160 / Math.max(1, fixtures.length)));
      let fixesChecked = 0;
      let runs = 0;
      for (const f of fixtures) {
        const original = fs.readFileSync(f, 'utf8');
        for (let i = 0; i < perFile; i++) {
          let text = original;
          const edits = 1 + Math.floor(rand() * 3);
          for (let k = 0; k < edits; k++) {
            const a = Math.floor(rand() * text.length);
            const b = Math.min(text.length, a + 1 + Math.floor(rand() * 40));
            text = rand() < 0.5 ? text.slice(0, a) + text.slice(b) : text.slice(0, b) + text.slice(a, b) + text.slice(b);
          }
          const file = makeSourceFile(f, text);
          const res = lintChecked(file);
          fixesChecked += checkFixes(file, res);
          runs++;
        }
      }
      assert.ok(runs >= fixtures.length * 2);
      assert.ok(fixesChecked > 0, 'some mutated inputs still offer fixes, and they were checked');
    });
  });

  describe('fuzz: pathological shapes through scanBytes (what the CLI, workers and server call)', () => {
    const opts = { rules: RULES, config: { ...config, maxFileSize: 20_000_000 }, computeFixes: true };
    const HEAD_PY = 'import requests\nrequests.get("https://x")\n';
    const HEAD_TS = 'import Stripe from "stripe";\nconst stripe = new Stripe("k");\nawait stripe.charges.create({ amount: 1 });\n';
    const cases: Array<[string, string | Uint8Array]> = [
      // one bracket a line, so the file does not look minified and reaches the parser
      ['nest.py', `${HEAD_PY}x = ${'(\n'.repeat(10_000)}${')\n'.repeat(10_000)}\n`],
      ['nest.ts', `${HEAD_TS}const x = ${'[\n'.repeat(10_000)}${']\n'.repeat(10_000)};\n`],
      ['objs.ts', `${HEAD_TS}const x = ${'{a:\n'.repeat(10_000)}1${'}\n'.repeat(10_000)};\n`],
      ['unclosed.ts', `${HEAD_TS}f(${'(\n'.repeat(10_000)}\n`],
      ['chain.ts', `${HEAD_TS}const s = ${Array.from({ length: 20_000 }, () => '"a"').join(' +\n')};\n`],
      ['chain.py', `${HEAD_PY}s = ${Array.from({ length: 20_000 }, () => '"a"').join(' +\n')}\n`],
      ['calls.ts', `${HEAD_TS}const v = a${'\n.b()'.repeat(5_000)};\n`],
      ['longline.py', `${HEAD_PY}x = "${'a'.repeat(5_000_000)}"\n`],
      ['longline.ts', `${HEAD_TS}const x = "${'a'.repeat(5_000_000)}";\n`],
      ['mixed.py', HEAD_PY.replace('\n', '\r\n') + 'def f():\r    return requests.post("u")\n\r\n'],
      ['nul.ts', `${HEAD_TS}\u0000\u0000const a = 1;\n`],
      ['bad.py', Buffer.concat([Buffer.from(HEAD_PY), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x0a])])],
      ['trunc.ts', HEAD_TS.slice(0, HEAD_TS.length - 7)],
    ];
    for (const [name, content] of cases) {
      it(`${name}: no exception escapes; a refusal is a reported failure, a report has verified fixes`, () => {
        const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
        const r = scanBytes(name, bytes, opts);
        assert.deepEqual(r.failedRules, [], r.logs.join('\n'));
        if (r.failed) assert.match(r.skipped!, /nested more than 256 levels/, 'only the nesting guard refuses these');
        else if (!r.skipped) {
          const decoded = decodeSource(name, bytes, opts.config.maxFileSize);
          assert.ok(decoded.ok);
          const file = decoded.file;
          const res = lint(file, { rules: RULES, config: opts.config, computeFixes: true });
          checkFixes(file, res);
        }
      });
    }
    it('the deep cases are refused and the long chains are analysed', () => {
      const get = (n: string) => scanBytes(n, Buffer.from(cases.find((c) => c[0] === n)![1] as string), opts);
      for (const n of ['nest.py', 'nest.ts', 'objs.ts', 'unclosed.ts']) assert.equal(get(n).failed, true, n);
      for (const n of ['chain.ts', 'chain.py', 'calls.ts']) {
        const r = get(n);
        assert.ok(!r.failed && !r.skipped, `${n}: ${r.skipped}`);
        assert.ok(r.findings.length >= 1, n);
      }
    });
  });
});
