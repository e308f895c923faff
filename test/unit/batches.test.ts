/**
 * The scan's batch plan: every file handed out exactly once, batches of
 * neighbouring files, a worker kept to one project folder while it has work,
 * and a worker whose folder is done taking another one.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { BatchPlan } from '../../server/src/engine/batches';

const root = path.join(path.sep, 'ws');
const file = (...parts: string[]) => path.join(root, ...parts);

function items(): Array<{ path: string; size: number }> {
  const out: Array<{ path: string; size: number }> = [];
  for (let i = 0; i < 60; i++) out.push({ path: file('big', `m${String(i).padStart(2, '0')}.py`), size: 20_000 });
  for (let i = 0; i < 20; i++) out.push({ path: file('small', `s${String(i).padStart(2, '0')}.ts`), size: 20_000 });
  out.push({ path: file('top.py'), size: 1_000 });
  return out;
}

describe('scan batch plan', () => {
  it('hands out every file once, in batches of neighbouring files', () => {
    const plan = new BatchPlan(items(), 2);
    const seen: string[] = [];
    for (let w = 0; ; w = 1 - w) {
      const b = plan.next(w);
      if (!b) break;
      assert.deepEqual([...b].sort(), b, 'a batch is a run in path order');
      assert.equal(new Set(b.map((p) => path.dirname(p))).size, 1, 'a batch stays in one folder here');
      seen.push(...b);
    }
    assert.deepEqual([...seen].sort(), items().map((x) => x.path).sort());
    assert.equal(new Set(seen).size, seen.length);
    assert.deepEqual(plan.rest(), []);
  });

  it('keeps each worker to one project folder while it has batches, then shares the rest', () => {
    const plan = new BatchPlan(items(), 2);
    const first0 = plan.next(0)!;
    const first1 = plan.next(1)!;
    assert.equal(path.basename(path.dirname(first0[0])), 'big', 'the largest folder goes first');
    assert.notEqual(path.dirname(first1[0]), path.dirname(first0[0]), 'the second worker starts another folder');
    // worker 1 stays in its folder until it is done, then joins the big one
    const folders1: string[] = [path.dirname(first1[0])];
    for (let b = plan.next(1); b; b = plan.next(1)) folders1.push(path.dirname(b[0]));
    const firstBig = folders1.indexOf(path.dirname(first0[0]));
    assert.ok(firstBig > 0, 'worker 1 helps with the big folder once its own are done');
    assert.ok(folders1.slice(firstBig).every((f) => f === path.dirname(first0[0])));
    assert.equal(plan.next(0), null, 'worker 1 took what was left');
  });

  it('gives a small workspace one batch and nothing after', () => {
    const plan = new BatchPlan([{ path: file('a.py'), size: 10 }, { path: file('b.py'), size: 10 }], 2);
    assert.deepEqual(plan.next(0), [file('a.py'), file('b.py')]);
    assert.equal(plan.next(1), null);
    assert.equal(plan.next(0), null);
  });
});
