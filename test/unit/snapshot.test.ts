/**
 * How cross-file readers see files outside a scan (the editor): one lint is one view of the
 * files (withPinnedStats), and the library reach checks what it read of a module against the
 * file every 2 s, reading again only the modules that changed.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { statPath, withPinnedStats } from '../../server/src/lang/snapshot';
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
