/** detached(): names kept by long-lived caches must not keep the text they were cut from. */
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { detached } from '../../server/src/text/strings';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Heap bytes still used after keeping `keep(text)` of eight fresh 2 MB texts and dropping the texts. */
function retainedBy(keep: (text: string, at: number) => string): number {
  gc();
  const before = v8.getHeapStatistics().used_heap_size;
  const kept: string[] = [];
  for (let i = 0; i < 8; i++) {
    // a new text each time: 2 MB of lines, a 20-character name cut from each
    const text = `${i}`.concat('from some.package.module import name\n'.repeat(55_000));
    kept.push(keep(text, 1 + i * 37));
  }
  gc();
  const after = v8.getHeapStatistics().used_heap_size;
  assert.equal(kept.length, 8);
  return after - before;
}

describe('detached strings', () => {
  it('equals its input, short, long, sliced or concatenated', () => {
    const text = 'from some.package.module import name\n'.repeat(10);
    for (const s of ['', 'x', 'twelve chars', 'thirteen char', text.slice(5, 30), `${text.slice(5, 30)}\0${text.slice(40, 60)}`, text]) {
      assert.equal(detached(s), s);
    }
  });

  it('keeps no reference to the text a name was cut from', () => {
    const sliced = retainedBy((text, at) => text.slice(at, at + 20));
    const copied = retainedBy((text, at) => detached(text.slice(at, at + 20)));
    const joined = retainedBy((text, at) => detached(`dir\0${text.slice(at, at + 20)}`));
    // a plain slice keeps each of the eight 2 MB texts alive; the copies keep a few bytes each (the
    // last text may still sit in a register or the optimiser's frame: at most one is allowed)
    assert.ok(sliced > 14_000_000, `a slice keeps its text (${sliced} bytes retained)`);
    assert.ok(copied < 3_000_000, `a detached slice keeps ${copied} bytes`);
    assert.ok(joined < 3_000_000, `a detached key keeps ${joined} bytes`);
  });
});
