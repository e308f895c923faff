/**
 * `fix --diff` on a generated ~5 MB Python file: its cost must grow with the
 * file and its fixes, not faster. Measured on the built CLI as a child process
 * (peak RSS and CPU time from getrusage, what `/usr/bin/time -v` reports),
 * compared with the same file at a quarter of the size: four times the file
 * and the fixes may cost about four times the memory and CPU above an empty
 * run's, not sixteen (a whole-file diff or verification per fix grew with the
 * square: 66 s and 1.6 GB at 5 MB). Bounds are ratios, not wall times, so a
 * slower machine does not fail them.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'shipguard.js');

/** A Python module of about `bytes` bytes: one unbounded requests call (a fix each) per ten functions. */
function generate(bytes: number): { text: string; calls: number } {
  const parts = ['import requests\n\n'];
  let size = parts[0].length;
  let calls = 0;
  for (let i = 0; size < bytes; i++) {
    const s =
      i % 10 === 0
        ? `\ndef fetch_${i}(url):\n    return requests.get(url + '/${i}').json()\n`
        : `\ndef compute_${i}(a, b):\n    total = a * ${i} + b\n    # padding comment ${i}\n    return total - ${i}\n`;
    if (i % 10 === 0) calls++;
    parts.push(s);
    size += s.length;
  }
  return { text: parts.join(''), calls };
}

interface Measured {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size, bytes. */
  rss: number;
  /** User + system CPU, seconds. */
  cpu: number;
}

function measure(dir: string, file: string): Measured {
  const usage = path.join(dir, `${file}.usage.json`);
  // written by the CLI process itself as it exits: getrusage of that process, worker threads included
  const preload = path.join(dir, 'usage.cjs');
  fs.writeFileSync(
    preload,
    `process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeFileSync(${JSON.stringify(usage)}, JSON.stringify({ maxRSS: u.maxRSS, user: u.userCPUTime, system: u.systemCPUTime })); });\n`,
  );
  const r = spawnSync(process.execPath, ['--require', preload, BIN, 'fix', '--diff', '--unsafe-fixes', '--verbose', file], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const u = JSON.parse(fs.readFileSync(usage, 'utf8')) as { maxRSS: number; user: number; system: number };
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, rss: u.maxRSS * 1024, cpu: (u.user + u.system) / 1e6 };
}

describe('shipguard CLI: fix --diff on a 5 MB file', function () {
  this.timeout(180_000);
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipguard-large-'));
    fs.writeFileSync(path.join(dir, '.shipguard.json'), JSON.stringify({ maxFileSize: 8_000_000 }) + '\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('costs memory and CPU in proportion to the file and its fixes, verified in one pass of two analyses', () => {
    const empty = { text: 'import requests\n\n\ndef f(u):\n    return requests.get(u)\n', calls: 1 };
    const small = generate(1_250_000);
    const large = generate(5_000_000);
    const runs: Record<string, { m: Measured; calls: number; bytes: number }> = {};
    for (const [name, g] of Object.entries({ empty, small, large })) {
      fs.writeFileSync(path.join(dir, `${name}.py`), g.text);
      const m = measure(dir, `${name}.py`);
      runs[name] = { m, calls: g.calls, bytes: Buffer.byteLength(g.text) };
      // every unbounded call is fixed, in one pass whose batch is verified by one more analysis
      assert.equal(m.status, 1, `${name}: exit 1 (fixes to show); stderr: ${m.stderr.slice(-800)}`);
      assert.match(m.stderr, new RegExp(`${name}\\.py: ${g.calls} fix(es)? applied in 1 pass, 2 analyses of the file`), m.stderr.slice(-800));
      assert.match(m.stderr, new RegExp(`Would fix ${g.calls} issues? in 1 file`));
      // one hunk per fix (they are more than six lines apart), each the one-line change
      const hunks = m.stdout.split('\n').filter((l) => l.startsWith('@@ ')).length;
      const added = m.stdout.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'));
      assert.equal(hunks, g.calls, `${name}: one hunk per fix`);
      assert.equal(added.length, g.calls);
      assert.ok(added.every((l) => /requests\.get\(url \+ '\/\d+', timeout=\d+\)\.json\(\)$/.test(l) || /requests\.get\(u, timeout=\d+\)$/.test(l)), added.find((l) => !l.includes('timeout=')));
    }
    const { empty: e, small: s, large: l } = runs;
    const sizeRatio = l.bytes / s.bytes;
    const rssRatio = (l.m.rss - e.m.rss) / (s.m.rss - e.m.rss);
    const cpuRatio = (l.m.cpu - e.m.cpu) / (s.m.cpu - e.m.cpu);
    const line = (n: string, r: { m: Measured; calls: number; bytes: number }) =>
      `${n}: ${(r.bytes / 1e6).toFixed(2)} MB, ${r.calls} fixes, peak RSS ${(r.m.rss / 1e6).toFixed(0)} MB, CPU ${r.m.cpu.toFixed(2)} s`;
    const report = [line('empty', e), line('small', s), line('large', l), `size x${sizeRatio.toFixed(2)} -> RSS above empty x${rssRatio.toFixed(2)}, CPU above empty x${cpuRatio.toFixed(2)}`].join('\n      ');
    console.log(`      ${report}`);
    // linear: about x4; the square of the size would be x16
    assert.ok(rssRatio <= sizeRatio * 1.6, `memory grows faster than the file: ${report}`);
    assert.ok(cpuRatio <= sizeRatio * 1.9, `CPU grows faster than the file: ${report}`);
    // and per byte: the analyses hold a syntax tree of a few hundred bytes per byte of source, no more
    assert.ok((l.m.rss - e.m.rss) / l.bytes < 400, `more than 400 bytes of memory per byte of source: ${report}`);
  });
});
