/** applyEdits, diffToEdits, unifiedDiff and fixFile's batches: the primitives every fix goes through. */
import * as assert from 'node:assert/strict';
import { applyPatch, createTwoFilesPatch } from 'diff';
import { applyEdits, diffToEdits, editsOverlap } from '../../server/src/text/edits';
import { diffLines, unifiedDiff } from '../../server/src/text/diff';
import { fixFile } from '../../server/src/engine/lint';
import { defaultConfig } from '../../server/src/engine/config';
import { makeSourceFile } from '../../server/src/engine/files';
import { initPython } from '../../server/src/lang/python/parser';
import type { PyContext, Rule } from '../../server/src/engine/types';
import type { Node as PyNode } from '../../server/src/lang/python/tree';
import { rng } from '../harness';

describe('fixes: applyEdits', () => {
  it('applies edits given in any order', () => {
    const text = 'abcdef';
    const out = applyEdits(text, [
      { start: 4, end: 5, newText: 'E' },
      { start: 0, end: 1, newText: 'A' },
      { start: 2, end: 2, newText: '+' },
    ]);
    assert.equal(out, 'Ab+cdEf');
  });

  it('throws on overlapping or out-of-range edits', () => {
    assert.throws(() => applyEdits('abcdef', [{ start: 1, end: 4, newText: 'x' }, { start: 3, end: 5, newText: 'y' }]), /overlapping/);
    assert.throws(() => applyEdits('abc', [{ start: 2, end: 9, newText: 'x' }]), /out-of-range/);
    assert.throws(() => applyEdits('abc', [{ start: 2, end: 1, newText: 'x' }]));
  });

  it('editsOverlap: shared ranges and same-point insertions conflict, adjacent edits do not', () => {
    assert.ok(editsOverlap([{ start: 1, end: 4, newText: '' }], [{ start: 3, end: 5, newText: '' }]));
    assert.ok(editsOverlap([{ start: 2, end: 2, newText: 'a' }], [{ start: 2, end: 2, newText: 'b' }]));
    assert.ok(editsOverlap([{ start: 3, end: 3, newText: 'a' }], [{ start: 1, end: 5, newText: '' }]));
    assert.ok(!editsOverlap([{ start: 1, end: 3, newText: '' }], [{ start: 3, end: 5, newText: '' }]));
  });
});

describe('fixes: diffToEdits', () => {
  it('returns no edits for identical texts', () => {
    assert.deepEqual(diffToEdits('same\n', 'same\n'), []);
  });

  it('a one-line change becomes one edit of only the differing characters', () => {
    const before = 'import requests\n\nr = requests.get(url)\nprint(r)\n';
    const after = 'import requests\n\nr = requests.get(url, timeout=10)\nprint(r)\n';
    const edits = diffToEdits(before, after);
    assert.deepEqual(edits, [{ start: before.indexOf(')\nprint'), end: before.indexOf(')\nprint'), newText: ', timeout=10' }]);
  });

  it('a multi-hunk change gives one small edit per hunk', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i}`);
    const before = lines.join('\n') + '\n';
    const changed = [...lines];
    changed[2] = 'line 2 changed';
    changed.splice(20, 1);
    changed.splice(30, 0, 'inserted');
    const after = changed.join('\n') + '\n';
    const edits = diffToEdits(before, after);
    assert.equal(edits.length, 3);
    assert.equal(applyEdits(before, edits), after);
    const touched = edits.reduce((s, e) => s + (e.end - e.start) + e.newText.length, 0);
    assert.ok(touched < 40, `edits stay small (${touched} characters touched)`);
  });

  it('keeps CRLF line endings intact', () => {
    const before = 'a = 1\r\nb = f(x)\r\nc = 3\r\n';
    const after = 'a = 1\r\nb = f(x, y)\r\nc = 3\r\n';
    const edits = diffToEdits(before, after);
    assert.equal(edits.length, 1);
    assert.equal(edits[0].newText, ', y');
    assert.equal(applyEdits(before, edits), after);
  });

  it('apply(diffToEdits(a, b)) == b on random pairs', () => {
    const rand = rng(42);
    const alphabet = ['a', 'b', 'x', ' ', '\n', '\r\n', '🚀', '注', '(', ')', 'requests.get', 'timeout=10'];
    const randomText = () => {
      let s = '';
      const n = Math.floor(rand() * 60);
      for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      return s;
    };
    const mutate = (s: string) => {
      let out = s;
      const n = 1 + Math.floor(rand() * 4);
      for (let i = 0; i < n; i++) {
        const p = Math.floor(rand() * (out.length + 1));
        const q = Math.min(out.length, p + Math.floor(rand() * 6));
        out = out.slice(0, p) + (rand() < 0.5 ? randomText().slice(0, 8) : '') + out.slice(q);
      }
      return out;
    };
    for (let i = 0; i < 2000; i++) {
      const a = randomText();
      const b = i % 2 ? randomText() : mutate(a);
      const edits = diffToEdits(a, b);
      assert.equal(applyEdits(a, edits), b, `pair ${i}: ${JSON.stringify(a)} -> ${JSON.stringify(b)}`);
      for (let k = 1; k < edits.length; k++) assert.ok(edits[k].start >= edits[k - 1].end, 'edits are ordered and disjoint');
    }
  });
});

describe('fixes: unifiedDiff and diffLines (cost of the change, not of the file)', () => {
  const lines = (n: number, tag = 'line') => Array.from({ length: n }, (_, i) => `${tag} ${i}\n`).join('');

  it('is the patch jsdiff writes: it applies, with as many changed lines, on random pairs', () => {
    const rand = rng(7);
    const pool = ['a\n', 'b\n', 'c\n', '\n', 'x = 1\n', 'def f():\n', '    return 2\n', 'y\r\n', 'z'];
    const text = (n: number) => Array.from({ length: n }, () => pool[Math.floor(rand() * pool.length)]).join('');
    const changed = (p: string) => p.split('\n').filter((l) => /^[+-](?![+-]{2} )/.test(l)).length;
    for (let i = 0; i < 1500; i++) {
      const a = text(Math.floor(rand() * 20));
      let b: string;
      if (rand() < 0.3) b = text(Math.floor(rand() * 20));
      else {
        const ls = a.split(/(?<=\n)/);
        for (let k = 0; k < 3; k++) {
          const p = Math.floor(rand() * (ls.length + 1));
          if (rand() < 0.5) ls.splice(p, 1);
          else ls.splice(p, 0, pool[Math.floor(rand() * pool.length)]);
        }
        b = ls.join('');
      }
      const mine = unifiedDiff('a/f', 'b/f', a, b);
      if (a === b) {
        assert.equal(mine, '');
        continue;
      }
      assert.equal(applyPatch(a, mine), b, `pair ${i}: ${JSON.stringify(a)} -> ${JSON.stringify(b)}\n${mine}`);
      const theirs = createTwoFilesPatch('a/f', 'b/f', a, b, undefined, undefined, { context: 3 }).replace(/^=+\n/, '');
      assert.equal(changed(mine), changed(theirs), `pair ${i}: minimal like jsdiff\n${mine}\n${theirs}`);
    }
  });

  it('prints GNU-style hunks: three lines of context, close changes merged, the missing final newline marked', () => {
    const a = lines(30);
    const b = a.replace('line 5\n', 'line five\n').replace('line 9\n', 'line nine\n').replace('line 25\n', '');
    assert.equal(
      unifiedDiff('a/x', 'b/x', a, b),
      [
        '--- a/x',
        '+++ b/x',
        '@@ -3,11 +3,11 @@',
        ...['line 2', 'line 3', 'line 4'].map((l) => ` ${l}`),
        '-line 5',
        '+line five',
        ...['line 6', 'line 7', 'line 8'].map((l) => ` ${l}`),
        '-line 9',
        '+line nine',
        ...['line 10', 'line 11', 'line 12'].map((l) => ` ${l}`),
        '@@ -23,7 +23,6 @@',
        ...['line 22', 'line 23', 'line 24'].map((l) => ` ${l}`),
        '-line 25',
        ...['line 26', 'line 27', 'line 28'].map((l) => ` ${l}`),
        '',
      ].join('\n'),
    );
    assert.equal(unifiedDiff('a/x', 'b/x', 'a\nb', 'a\nc'), '--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n');
    assert.equal(unifiedDiff('a/x', 'b/x', '', 'new\n'), '--- a/x\n+++ b/x\n@@ -0,0 +1,1 @@\n+new\n');
  });

  it('diffs 100,000 lines with 2,000 scattered changes quickly and exactly, one hunk per change', () => {
    const before = lines(100_000);
    const b = before.split(/(?<=\n)/);
    for (let i = 50; i < b.length; i += 50) b[i] = b[i].replace('\n', ', timeout=10\n');
    const after = b.join('');
    const t0 = performance.now();
    const hunks = diffLines(before.split(/(?<=\n)/), b);
    const ms = performance.now() - t0;
    assert.equal(hunks.length, 1_999);
    assert.ok(hunks.every((h) => h.aEnd - h.aStart === 1 && h.bEnd - h.bStart === 1));
    assert.equal(applyEdits(before, diffToEdits(before, after)), after);
    assert.equal(diffToEdits(before, after).length, 1_999);
    // an O(lines x changes) diff takes seconds here
    assert.ok(ms < 2_000, `${ms.toFixed(0)} ms`);
  });

  it('a region with no line unique to both sides is one hunk when large, exact when small', () => {
    const a = 'x\n'.repeat(3000) + 'end\n';
    const b = 'y\n'.repeat(3000) + 'end\n';
    assert.deepEqual(diffLines(a.split(/(?<=\n)/), b.split(/(?<=\n)/)), [{ aStart: 0, aEnd: 3000, bStart: 0, bEnd: 3000 }]);
    assert.equal(applyEdits(a, diffToEdits(a, b)), b);
    assert.deepEqual(diffLines(['x\n', 'x\n', 'x\n'], ['x\n', 'y\n', 'x\n', 'x\n']), [{ aStart: 1, aEnd: 1, bStart: 1, bEnd: 2 }]);
  });
});

describe('fixes: fixFile verifies a batch of fixes at once and finds the fixes that break it', () => {
  // a rule that flags every `bad_call(...)` call; its fix turns `bad_call` into `good_call`,
  // except at the sites whose argument is 13, where the "fix" leaves a broken statement (and
  // removes the text the rule's prefilter looks for: verification must parse all the same)
  const rule: Rule = {
    id: 'test-bad-call',
    family: 'meta',
    severity: 'warning',
    languages: ['python'],
    docs: { summary: 'test rule', why: '', fix: '', verify: '' },
    fix: { availability: 'always', maxApplicability: 'safe', title: 'Rename' },
    python: {
      nodeTypes: ['call'],
      requires: /bad_call/,
      visit(node: PyNode, ctx: PyContext) {
        const fn = node.childForFieldName('function');
        if (fn?.text !== 'bad_call') return;
        const broken = node.childForFieldName('arguments')?.text === '(13)';
        ctx.report({
          node,
          message: 'bad call',
          fixes: [{ title: 'Rename', applicability: 'safe', edits: [{ start: fn.startIndex, end: fn.endIndex, newText: broken ? 'good_call(((' : 'good_call' }] }],
        });
      },
    },
  } as unknown as Rule;

  it('64 good fixes and 2 breaking ones: the 64 applied, the 2 left, in a few analyses (not one per fix)', async () => {
    await initPython();
    const calls = Array.from({ length: 66 }, (_, i) => `bad_call(${i === 20 || i === 50 ? 13 : i + 100})\n`).join('');
    const logs: string[] = [];
    const res = fixFile(makeSourceFile('/x/m.py', calls), { rules: [rule], config: defaultConfig(), log: (m) => logs.push(m), maxPasses: 1 });
    assert.equal(res.applied, 64);
    assert.equal((res.text.match(/good_call\(/g) ?? []).length, 64);
    assert.equal((res.text.match(/bad_call\(13\)/g) ?? []).length, 2);
    assert.equal(res.text.includes('((('), false);
    assert.equal(logs.filter((l) => l.startsWith('dropped fix')).length, 2);
    // the batch, then halves down to the two bad fixes: 2 x log2(66) groups at most, plus the start and the end
    assert.ok(res.analyses <= 2 + 2 * Math.ceil(Math.log2(66)) * 2 + 1, `${res.analyses} analyses`);
  });

  it('a file whose fixes all hold: one pass, two analyses, however many fixes', async () => {
    await initPython();
    const calls = Array.from({ length: 500 }, (_, i) => `bad_call(${i + 100})\n`).join('');
    const res = fixFile(makeSourceFile('/x/m.py', calls), { rules: [rule], config: defaultConfig() });
    assert.equal(res.applied, 500);
    assert.equal(res.passes, 1);
    assert.equal(res.analyses, 2);
    assert.ok(res.converged);
  });
});
