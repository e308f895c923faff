/**
 * How cross-file readers see files outside a scan (the editor): one lint is one view of the
 * files (withPinnedStats); caches derived from stats and folder listings keep their answers
 * until one of those answers changes on disk (forgetOnChange); and the library reach then checks
 * what it read of a module against the file, reading again only the modules that changed.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beginStableScan, checkFilesNow, endStableScan, filesGeneration, forgetOnChange, hasAnyEntry, statPath, withPinnedStats } from '../../server/src/lang/snapshot';
import { LibraryReach } from '../../server/src/lang/reach';

describe('file snapshots outside a scan', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-snapshot-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a stat is asked once per path during withPinnedStats, and again after it', () => {
    const f = path.join(dir, 'a.py');
    fs.writeFileSync(f, 'x = 1\n');
    const sizes = withPinnedStats(() => {
      const first = statPath(f)?.size;
      fs.writeFileSync(f, 'x = 1\ny = 2\n');
      const second = statPath(f)?.size;
      // nested calls share the outer view
      const nested = withPinnedStats(() => statPath(f)?.size);
      return [first, second, nested];
    });
    assert.deepEqual(sizes, [6, 6, 6]);
    assert.equal(statPath(f)?.size, 12);
    // outside, every stat goes to the disk
    fs.writeFileSync(f, 'x = 1\n');
    assert.equal(statPath(f)?.size, 6);
  });

  it('caches registered with forgetOnChange are emptied when a stat or listing they followed from changes, and only then', () => {
    let cleared = 0;
    forgetOnChange(() => cleared++);
    // what other tests noted of their (deleted) folders is checked first
    checkFilesNow();
    const start = cleared;
    const a = path.join(dir, 'a.py');
    const missing = path.join(dir, 'missing.py');
    fs.writeFileSync(a, 'x = 1\n');
    assert.equal(statPath(a)?.isFile, true);
    assert.equal(statPath(missing), null);
    assert.equal(checkFilesNow(), false, 'nothing changed');
    assert.equal(cleared, start);
    const generation = filesGeneration();

    // a file appears where a stat found none
    fs.writeFileSync(missing, '');
    assert.equal(checkFilesNow(), true);
    assert.equal(cleared, start + 1);
    assert.equal(filesGeneration(), generation + 1);
    assert.equal(checkFilesNow(), false, 'the notes started over');

    // a folder listing gains an entry (hasAnyEntry answered from it)
    assert.equal(hasAnyEntry(dir, ['setup.py']), false);
    assert.equal(checkFilesNow(), false);
    fs.writeFileSync(path.join(dir, 'notes.txt'), '');
    assert.equal(checkFilesNow(), true);
    assert.equal(cleared, start + 2);

    // a noted file is saved with other content (its size changes)
    assert.equal(statPath(a)?.size, 6);
    fs.writeFileSync(a, 'x = 10\n');
    assert.equal(checkFilesNow(), true);
    assert.equal(cleared, start + 3);

    // during a scan nothing is noted, and its end starts the caches over
    beginStableScan();
    assert.equal(statPath(path.join(dir, 'b.py')), null);
    endStableScan();
    assert.equal(cleared, start + 4);
    fs.writeFileSync(path.join(dir, 'b.py'), '');
    assert.equal(checkFilesNow(), false, 'a stat made during the scan is not a note');
  });

  it('the library reach sees a module that changed after its interval, and does not read an unchanged one again', async function () {
    this.timeout(10_000);
    const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
    // a.py -> helpers.py -> client.py; b.py -> util.py -> store.py; remote.py imports requests
    write('a.py', 'from helpers import fetch\n');
    write('helpers.py', 'from client import get\n');
    write('client.py', 'def get(u):\n    return u\n');
    write('b.py', 'from util import load\n');
    write('util.py', 'from store import load\n');
    write('store.py', 'def load(k):\n    return k\n');
    write('remote.py', 'import requests\n');
    // a whole second: a file system keeps it exactly, so the same time can be set again below
    const helpers = path.join(dir, 'helpers.py');
    const at = new Date(1_700_000_000_000);
    fs.utimesSync(helpers, at, at);
    const reach = new LibraryReach(/\bimport requests\b/, {
      specifiers: (text) => Array.from(text.matchAll(/^from (\w+) import\b/gm), (m) => m[1]),
      find: (_from, spec) => {
        const p = path.join(dir, `${spec}.py`);
        return fs.existsSync(p) ? p : null;
      },
    });
    const a = () => reach.mayReach(path.join(dir, 'a.py'), 'from helpers import fetch\n');
    const b = () => reach.mayReach(path.join(dir, 'b.py'), 'from util import load\n');
    assert.equal(a(), false);
    assert.equal(b(), false);

    // store.py changes (another size): read again once the interval has passed
    write('store.py', 'import requests\n\ndef load(k):\n    return requests.get(k, timeout=5)\n');
    // helpers.py gets text of the same length and its old modification time back: to the
    // reach (as to every cross-file cache) it is the version already read, so it is not read again
    const before = fs.statSync(helpers);
    write('helpers.py', 'from remote import get\n');
    fs.utimesSync(helpers, at, at);
    assert.equal(fs.statSync(helpers).size, before.size);
    assert.equal(fs.statSync(helpers).mtimeMs, before.mtimeMs);
    await new Promise((r) => setTimeout(r, 2100));
    assert.equal(b(), true);
    assert.equal(a(), false);
  });
});
