/**
 * Patterns from the workspace cannot make matching take exponential time:
 * `exclude` in the config, the `shipguard.exclude` setting and `.gitignore`
 * files are compiled by the `ignore` library into regular expressions, where
 * each `**` segment multiplies the backtracking (ten of them took 146 s on one
 * 40-level path). A pattern with more than two `**` segments is refused with
 * its reason: a config error with its location, a settings problem, a note
 * for a .gitignore line; the rest still match. The throttling rules'
 * `sensitiveEndpoints` are plain words, never compiled.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { globstarCount, patternProblem } from '../../server/src/engine/globs';
import { defaultConfig, loadConfig, mergeConfig } from '../../server/src/engine/config';
import { discoverFiles } from '../../server/src/engine/discovery';
import { sensitiveMatch } from '../../server/src/lang/endpoints/model';

/** `**\/a/**\/a/ ... /**\/b` with `n` `**` segments: each one another factor of backtracking. */
const evil = (n: number) => `${Array.from({ length: n - 1 }, () => '**/a').join('/')}/**/b`;
/** A path the evil patterns almost match, at every depth. */
const deepPath = (depth: number) => `${'a/'.repeat(depth)}c.py`;

describe('config patterns: no catastrophic backtracking', () => {
  const dirs: string[] = [];
  const tmp = (files: Record<string, string>) => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'shipguard-globs-'));
    dirs.push(d);
    for (const [f, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(d, f)), { recursive: true });
      fs.writeFileSync(path.join(d, f), text);
    }
    return d;
  };
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  // `ignore` compiles each `**` to a backtracking group: on a 150-level path two cost ~10 ms and three
  // several times that, ten minutes (measured while choosing the limit; not timed here, as a timed
  // test fails on a loaded machine)
  it('counts `**` segments and refuses more than two (or a pattern over 1,000 characters)', () => {
    assert.equal(globstarCount('**/migrations/**'), 2);
    assert.equal(globstarCount('a**b/*.py'), 0);
    assert.equal(patternProblem('**/migrations/**'), null);
    assert.equal(patternProblem('scripts/*.py'), null);
    assert.match(patternProblem(evil(3))!, /has 3 `\*\*` segments; more than 2 in one pattern can take exponential time/);
    assert.match(patternProblem('a'.repeat(1001))!, /longer than 1000 characters/);
  });


  it('.shipguard.json: such an exclude pattern is an error with its location; the config is not used', () => {
    const d = tmp({ '.shipguard.json': JSON.stringify({ exclude: ['**/migrations/**', evil(10)] }, null, 2) });
    const c = loadConfig(d);
    assert.equal(c.errors.length, 1, c.errors.join('\n'));
    assert.match(c.errors[0], /\.shipguard\.json:4:\d+: "exclude\.1" has 10 `\*\*` segments/);
    assert.deepEqual(c.exclude, defaultConfig().exclude);
  });

  it('the shipguard.exclude setting: such a pattern is left out with a problem, the others apply', () => {
    const c = mergeConfig(defaultConfig(), { exclude: ['legacy/', evil(10)] }, 'settings');
    assert.deepEqual(c.exclude.slice(-1), ['legacy/']);
    assert.ok(c.problems.some((p) => /settings: exclude pattern "\*\*\/a.*" has 10 `\*\*` segments.*; not used/.test(p)), c.problems.join('\n'));
  });

  it('a .gitignore line with ten `**` is noted and not used; discovery of a 60-level tree stays fast; other lines still apply', function () {
    // unguarded, matching each path of this tree against the pattern takes minutes
    this.timeout(20_000);
    const d = tmp({ '.gitignore': `${evil(10)}\nskipped.py\n`, [deepPath(60)]: 'x = 1\n', 'skipped.py': 'x = 1\n', 'kept.py': 'x = 1\n' });
    const t0 = Date.now();
    const found = discoverFiles([d], { root: d, config: defaultConfig() });
    const ms = Date.now() - t0;
    assert.deepEqual(found.refusedPatterns.map((r) => [path.basename(r.file), r.pattern]), [['.gitignore', evil(10)]]);
    assert.match(found.refusedPatterns[0].why, /10 `\*\*` segments/);
    const rel = found.files.map((f) => path.relative(d, f).split(path.sep).join('/')).sort();
    assert.deepEqual(rel, [deepPath(60), 'kept.py'].sort());
    assert.ok(ms < 5_000, `${ms} ms`);
  });

  it('sensitiveEndpoints are words compared as text, not compiled: a regex-looking entry is no regex, and answers at once', () => {
    const t0 = performance.now();
    // as regular expressions, `a+` and `(a+)+$` would match this name (the second after a long backtrack)
    assert.equal(sensitiveMatch([`${'a'.repeat(50_000)}!`], ['(a+)+$', 'a+', 'a*a*a*a*a*b']), null);
    assert.equal(sensitiveMatch(['redeem_voucher'], ['(a+)+$', 'redeem']), 'redeem');
    assert.ok(performance.now() - t0 < 1_000);
  });
});
