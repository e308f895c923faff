/** applyEdits and diffToEdits: the primitives every fix goes through. */
import * as assert from 'node:assert/strict';
import { applyEdits, diffToEdits, editsOverlap } from '../../server/src/engine/fixes';
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
