/** LineIndex: one place turns UTF-16 offsets into LSP, human (code point) and SARIF positions. */
import * as assert from 'node:assert/strict';
import { LineIndex, detectEol, utf8ByteOffset } from '../../server/src/text/positions';
import { lintText, ready } from '../harness';

describe('positions (LineIndex)', () => {
  before(ready);

  it('LF, CRLF and a lone CR all end lines', () => {
    const text = 'a\nbb\r\nccc\rdddd';
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 4);
    assert.deepEqual([0, 1, 2, 3].map((l) => idx.lineText(l)), ['a', 'bb', 'ccc', 'dddd']);
    assert.deepEqual(idx.positionAt(text.indexOf('ccc')), { line: 2, character: 0 });
    assert.deepEqual(idx.positionAt(text.indexOf('dddd') + 2), { line: 3, character: 2 });
    // the end of a CRLF line is before the \r
    assert.equal(idx.lineEnd(1), text.indexOf('\r\n'));
    assert.equal(idx.offsetAt({ line: 1, character: 99 }), text.indexOf('\r\n'), 'a character past the line end clamps to it');
    assert.equal(idx.offsetAt({ line: 9, character: 0 }), text.length);
  });

  it('an empty text and a trailing newline', () => {
    assert.equal(new LineIndex('').lineCount, 1);
    assert.deepEqual(new LineIndex('').positionAt(0), { line: 0, character: 0 });
    const idx = new LineIndex('x\n');
    assert.equal(idx.lineCount, 2);
    assert.deepEqual(idx.positionAt(2), { line: 1, character: 0 });
    assert.deepEqual(idx.positionAt(99), { line: 1, character: 0 }, 'offsets past the end clamp');
  });

  it('emoji before a finding: LSP character and SARIF column count UTF-16 units, the human column counts code points', () => {
    const line = 'msg = "🚀🚀"; requests.get(url)';
    const text = `import requests\n${line}\n`;
    const offset = text.indexOf('requests.get');
    const idx = new LineIndex(text);
    const utf16 = line.indexOf('requests.get'); // each 🚀 is 2 UTF-16 units
    assert.equal(utf16, 'msg = "'.length + 4 + '"; '.length);
    assert.deepEqual(idx.positionAt(offset), { line: 1, character: utf16 });
    assert.deepEqual(idx.sarifPosition(offset), { line: 2, column: utf16 + 1 });
    assert.deepEqual(idx.humanPosition(offset), { line: 2, column: utf16 - 2 + 1 });
  });

  it('CJK is one UTF-16 unit and one code point per character', () => {
    const text = '# 注文を作成する\nx = "価格"; y = 1\n';
    const idx = new LineIndex(text);
    const off = text.indexOf('y = 1');
    assert.deepEqual(idx.positionAt(off), { line: 1, character: 'x = "価格"; '.length });
    assert.equal(idx.humanPosition(off).column, 'x = "価格"; '.length + 1);
    assert.equal(idx.sarifPosition(off).column, 'x = "価格"; '.length + 1);
    assert.equal(utf8ByteOffset(text, text.indexOf('\n')), 2 + 7 * 3, 'the UTF-8 byte offset counts 3 bytes per CJK character');
  });

  it('round-trips every offset of a mixed text through positionAt/offsetAt', () => {
    const text = 'a🚀b\r\n注\r\rz\n\u00e9\u0301';
    const idx = new LineIndex(text);
    for (let o = 0; o <= text.length; o++) {
      const p = idx.positionAt(o);
      // offsets inside a line break map back to the line end
      const back = idx.offsetAt(p);
      assert.ok(back === o || back === idx.lineEnd(p.line), `offset ${o} -> ${JSON.stringify(p)} -> ${back}`);
    }
  });

  it('a real finding after an emoji on the same line, in a CRLF file', () => {
    const text = 'import requests\r\n\r\ndef f():\r\n    note = "💳 pay"; return requests.get("https://x")\r\n';
    const res = lintText('emoji.py', text, { only: ['request-without-timeout'] });
    assert.equal(res.findings.length, 1);
    const f = res.findings[0];
    assert.equal(text.slice(f.start, f.start + 'requests.get'.length), 'requests.get');
    const idx = new LineIndex(text);
    const col16 = '    note = "💳 pay"; return '.length;
    assert.deepEqual(idx.positionAt(f.start), { line: 3, character: col16 });
    assert.deepEqual(idx.sarifPosition(f.start), { line: 4, column: col16 + 1 });
    assert.deepEqual(idx.humanPosition(f.start), { line: 4, column: col16 });
  });

  it('detects the dominant line ending', () => {
    assert.equal(detectEol('a\r\nb\r\n'), '\r\n');
    assert.equal(detectEol('a\nb\r\n'), '\n');
    assert.equal(detectEol('no newline'), '\n');
  });
});
