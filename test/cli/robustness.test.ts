/**
 * The built CLI on inputs that used to fail silently or stop half-way: deep
 * nesting, unreadable and mistyped paths, unwritable directories, symbolic
 * links; and the exit status and output formats CI reads (--fail-level,
 * --format github, JSON fixes).
 *
 * Permission tests need a user the file modes apply to: as root (CI) the CLI
 * runs as `nobody` for them.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'shipguard.js');
const RULE = 'request-without-timeout';
const UNSAFE_PY = 'import requests\n\n\ndef rates():\n    return requests.get("https://api.example.com/rates").json()\n';
const SAFE_PY = 'import requests\n\n\ndef rates():\n    return requests.get("https://api.example.com/rates", timeout=10).json()\n';
// an order id is in scope, so the idempotency-key fix is complete (not "needs input")
const STRIPE_TS = 'import Stripe from "stripe";\nconst stripe = new Stripe("sk");\nexport async function pay(order: { id: string }) {\n  await stripe.charges.create({ amount: 1, metadata: { order_id: order.id } });\n}\n';
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function shipguard(cwd: string, args: string[], asNobody = false): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    ...(asNobody && isRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dirs: string[] = [];
function ws(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipguard-robust-'));
  dirs.push(dir);
  fs.chmodSync(dir, 0o755);
  fs.writeFileSync(path.join(dir, '.shipguard.json'), '{}\n');
  for (const [name, content] of Object.entries(files)) {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  return dir;
}

/** Hands the tree to `nobody` when running as root, so its modes bind the CLI run as nobody. */
function own(dir: string): void {
  if (!isRoot) return;
  const walk = (p: string) => {
    fs.chownSync(p, NOBODY, NOBODY);
    if (fs.statSync(p).isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
  };
  walk(dir);
}

const parens = (n: number) => `${STRIPE_TS}export const x = ${'('.repeat(n)}1${')'.repeat(n)};\n`;
const concat = (n: number) => `${STRIPE_TS}export const s = ${Array.from({ length: n }, (_, i) => `"s${i}"`).join(' + ')};\n`;

describe('shipguard CLI: never silent, never half-way', function () {
  this.timeout(120_000);
  after(() => {
    for (const d of dirs) {
      try {
        fs.chmodSync(d, 0o755);
        for (const e of fs.readdirSync(d)) fs.chmodSync(path.join(d, e), 0o755);
      } catch {
        // best effort
      }
      fs.rmSync(d, { recursive: true, force: true });
    }
  });

  it('800 nested parentheses: reported for that file alone, the same on the main thread and in workers; 2,000 concatenated strings are analysed', () => {
    const d = ws({ 'a.py': UNSAFE_PY, 'deep.ts': parens(800), 'chain.ts': concat(2000), 'deep.py': `import requests\nx = ${'('.repeat(800)}1${')'.repeat(800)}\n` });
    const outputs = ['1', '2'].map((jobs) => shipguard(d, ['scan', '--no-cache', '--jobs', jobs]));
    for (const r of outputs) {
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /^shipguard: deep\.ts: brackets nested more than 256 levels deep: not analysed/m);
      assert.match(r.stderr, /^shipguard: deep\.py: brackets nested more than 256 levels deep/m);
      assert.match(r.stderr, /^shipguard: 2 paths could not be analysed \(see above\); exit status 2$/m);
      assert.doesNotMatch(r.stderr, /RangeError|Maximum call stack/);
      assert.match(r.stdout, /^a\.py:5:12  warning  request-without-timeout/m);
      assert.match(r.stdout, /^chain\.ts:4:9  warning  stripe-idempotency-key/m, 'the long chain is linted, not dropped');
    }
    assert.equal(outputs[0].stdout.replace(/scanned in [\d.]+ s/, ''), outputs[1].stdout.replace(/scanned in [\d.]+ s/, ''));
    assert.equal(outputs[0].stderr, outputs[1].stderr);
  });

  it('fix: a file that cannot be analysed is reported and every other file is still fixed, then a summary and exit 2', () => {
    const files: Record<string, string> = { 'm/deep.py': `import requests\nx = ${'['.repeat(900)}${']'.repeat(900)}\nrequests.get("u")\n` };
    for (let i = 0; i < 9; i++) files[`m/f${i}.py`] = UNSAFE_PY;
    const d = ws(files);
    const r = shipguard(d, ['fix']);
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stdout, /Fixed 9 issues in 9 files/);
    assert.match(r.stderr, /^shipguard: m\/deep\.py: brackets nested more than 256 levels deep/m);
    assert.match(r.stderr, /^shipguard: 1 path could not be fixed or written \(see above\); exit status 2$/m);
    for (let i = 0; i < 9; i++) assert.equal(fs.readFileSync(path.join(d, `m/f${i}.py`), 'utf8'), SAFE_PY);
  });

  it('a mistyped path next to a valid one: reported, the valid one scanned, exit 2', () => {
    const d = ws({ 'app/a.py': UNSAFE_PY });
    const r = shipguard(d, ['scan', 'app', 'ap/views.py', '--no-cache']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^shipguard: ap\/views\.py: no such file or directory$/m);
    assert.match(r.stdout, /^app\/a\.py:5:12  warning/m);
  });

  it('a broken symbolic link to a source file is noted; the run is not failed for it', () => {
    const d = ws({ 'a.py': SAFE_PY });
    fs.symlinkSync(path.join(d, 'gone.py'), path.join(d, 'link.py'));
    const r = shipguard(d, ['scan', '--no-cache']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^shipguard: link\.py: broken symbolic link; skipped$/m);
  });

  it('an unreadable file and an unreadable directory are reported and exit 2 (the rest is scanned)', function () {
    if (!isRoot && process.platform === 'win32') this.skip();
    const d = ws({ 'a.py': UNSAFE_PY, 'secret.py': UNSAFE_PY, 'locked/b.py': UNSAFE_PY });
    own(d);
    fs.chmodSync(path.join(d, 'secret.py'), 0o000);
    fs.chmodSync(path.join(d, 'locked'), 0o000);
    const r = shipguard(d, ['scan', '--no-cache'], true);
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /^shipguard: locked: cannot read \(EACCES\)$/m);
    assert.match(r.stderr, /^shipguard: secret\.py: cannot read: EACCES$/m);
    assert.match(r.stdout, /^a\.py:5:12  warning/m);
    fs.chmodSync(path.join(d, 'locked'), 0o755);
  });

  it('fix in an unwritable directory: reported per file, the others fixed, a summary, no stack trace', function () {
    const d = ws({ 'ok/a.py': UNSAFE_PY, 'ro/b.py': UNSAFE_PY, 'ro/c.py': UNSAFE_PY });
    own(d);
    fs.chmodSync(path.join(d, 'ro'), 0o555);
    const r = shipguard(d, ['fix'], true);
    fs.chmodSync(path.join(d, 'ro'), 0o755);
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /^shipguard: ro\/b\.py: cannot write \(EACCES\); left unchanged$/m);
    assert.match(r.stderr, /^shipguard: ro\/c\.py: cannot write \(EACCES\); left unchanged$/m);
    assert.match(r.stderr, /^shipguard: 2 paths could not be fixed or written/m);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.match(r.stdout, /Fixed 1 issue in 1 file/);
    assert.equal(fs.readFileSync(path.join(d, 'ok/a.py'), 'utf8'), SAFE_PY);
    assert.equal(fs.readFileSync(path.join(d, 'ro/b.py'), 'utf8'), UNSAFE_PY);
  });

  it('fix through a symbolic link: the link stays a link, its target is fixed once; a link out of the given paths is not followed', () => {
    const outside = ws({ 'shared.py': UNSAFE_PY });
    const d = ws({ 'app/real.py': UNSAFE_PY });
    fs.symlinkSync('real.py', path.join(d, 'app', 'alias.py'));
    fs.symlinkSync(path.join(outside, 'shared.py'), path.join(d, 'app', 'shared.py'));
    const r = shipguard(d, ['fix', 'app']);
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stdout, /Fixed 1 issue in 1 file/);
    assert.ok(fs.lstatSync(path.join(d, 'app', 'alias.py')).isSymbolicLink());
    assert.equal(fs.readFileSync(path.join(d, 'app', 'real.py'), 'utf8'), SAFE_PY);
    assert.match(r.stderr, /^shipguard: app\/shared\.py: links to .*shared\.py, outside the paths given; not written$/m);
    assert.equal(fs.readFileSync(path.join(outside, 'shared.py'), 'utf8'), UNSAFE_PY, 'nothing written outside the given paths');
    assert.ok(fs.lstatSync(path.join(d, 'app', 'shared.py')).isSymbolicLink());
  });
});

describe('shipguard CLI: exit status and output for CI', function () {
  this.timeout(120_000);
  after(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('--fail-level: findings below it are reported and exit 0; unused-suppression never fails by default', () => {
    const d = ws({ 'a.py': UNSAFE_PY, 'b.py': 'x = 1  # shipguard: ignore[request-without-timeout]\n' });
    fs.writeFileSync(path.join(d, '.shipguard.json'), JSON.stringify({ rules: { [RULE]: 'info' } }));
    const def = shipguard(d, ['scan', '--no-cache']);
    assert.equal(def.status, 0, def.stdout);
    assert.match(def.stdout, /^a\.py:5:12  info  request-without-timeout/m);
    assert.match(def.stdout, /^b\.py:1:\d+  info  unused-suppression/m);
    assert.equal(shipguard(d, ['scan', '--no-cache', '--fail-level', 'info']).status, 1);
    fs.writeFileSync(path.join(d, '.shipguard.json'), '{}');
    assert.equal(shipguard(d, ['scan', '--no-cache']).status, 1, 'a warning fails at the default level');
    assert.equal(shipguard(d, ['scan', '--no-cache', '--fail-level', 'error']).status, 0);
    const bad = shipguard(d, ['scan', '--fail-level', 'loud']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /`--fail-level loud`: expected one of error, warning, info/);
  });

  it('--format github prints one workflow annotation per finding, escaped', () => {
    const d = ws({ 'app/a,b.py': UNSAFE_PY });
    const r = shipguard(d, ['scan', '--no-cache', '--format', 'github']);
    assert.equal(r.status, 1);
    assert.equal(
      r.stdout.trim(),
      '::warning file=app/a%2Cb.py,line=5,col=12,endLine=5,endColumn=24,title=shipguard request-without-timeout::`requests.get` without `timeout=`: a stalled server hangs this worker forever',
    );
  });

  it('JSON names its column unit and carries each finding\'s fixes with edits, in the same UTF-16 columns as SARIF', () => {
    const d = ws({ 'a.py': `# \u{1F600}\u{1F600}\n${UNSAFE_PY.replace('return requests', 'return "\u{1F600}" and requests')}` });
    const json = JSON.parse(shipguard(d, ['scan', '--no-cache', '--format', 'json']).stdout);
    const sarif = JSON.parse(shipguard(d, ['scan', '--no-cache', '--format', 'sarif']).stdout);
    assert.equal(json.columnKind, 'utf16CodeUnits');
    const f = json.findings[0];
    const region = sarif.runs[0].results[0].locations[0].physicalLocation.region;
    assert.deepEqual([f.range.start.line, f.range.start.column, f.range.end.line, f.range.end.column], [region.startLine, region.startColumn, region.endLine, region.endColumn]);
    assert.equal(f.fixes.length, 1);
    assert.equal(f.fixes[0].applicability, 'safe');
    assert.match(f.fixes[0].title, /timeout/);
    assert.deepEqual(f.fixes[0].edits.map((e: { newText: string }) => e.newText), [', timeout=10']);
    assert.equal(f.fixes[0].edits[0].start.line, 6);
  });

  it('--help documents --verbose and --fail-level; plural of fix is fixes', () => {
    const help = shipguard(ROOT, ['--help']).stdout;
    assert.match(help, /-v, --verbose/);
    assert.match(help, /--fail-level error\|warning\|info/);
    assert.match(help, /--format text\|json\|sarif\|github/);
    const d = ws({ 'pay.ts': STRIPE_TS, 'pay2.ts': STRIPE_TS });
    const r = shipguard(d, ['fix']);
    assert.match(r.stdout, /2 unsafe fixes available with --unsafe-fixes/);
    assert.doesNotMatch(r.stdout, /fixs/);
  });

  it('--jobs beyond the cores adds no workers', () => {
    const d = ws({ 'a.py': UNSAFE_PY, 'b.py': UNSAFE_PY, 'c.py': UNSAFE_PY, 'd.py': UNSAFE_PY, 'e.py': UNSAFE_PY, 'f.py': UNSAFE_PY, 'g.py': UNSAFE_PY, 'h.py': UNSAFE_PY, 'i.py': UNSAFE_PY });
    const r = shipguard(d, ['scan', '--no-cache', '--jobs', '64', '--stats']);
    const stats = JSON.parse(r.stderr.trim().split('\n').pop()!);
    assert.ok(stats.workers <= os.availableParallelism(), `${stats.workers} workers on ${os.availableParallelism()} cores`);
    assert.ok(stats.workers >= 1);
  });

  it('a config error stops the run with status 2 before scanning', () => {
    const d = ws({ 'a.py': UNSAFE_PY });
    fs.writeFileSync(path.join(d, '.shipguard.json'), '\ufeff{"rules": {"request-without-timout": "off"}, "exclude": "x"}');
    const r = shipguard(d, ['scan', '--no-cache']);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /\.shipguard\.json:1:12: unknown rule "request-without-timout"; did you mean "request-without-timeout"\?/);
    assert.match(r.stderr, /\.shipguard\.json:1:\d+: "exclude" must be an array of strings, not "x"/);
    assert.match(r.stderr, /the configuration has 2 errors/);
    assert.doesNotMatch(r.stderr, /\ufeff/);
  });
});
