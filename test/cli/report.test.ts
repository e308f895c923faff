/**
 * `shipguard report` through the built CLI: the three formats on the bundled examples (counts
 * equal `scan`'s), the baseline and config applied as in `scan`, exit statuses, --output.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'shipguard.js');
const BUNDLE = path.join(ROOT, 'server', 'out', 'cli.js');
const EXAMPLES = path.join(ROOT, 'examples');

const UNSAFE_PY = 'import requests\n\n\ndef rates():\n    return requests.get("https://api.example.com/rates").json()\n';
const SAFE_PY = 'import requests\n\n\ndef rates():\n    return requests.get("https://api.example.com/rates", timeout=10).json()\n';

function shipguard(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dirs: string[] = [];
function ws(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipguard-report-'));
  dirs.push(dir);
  if (!('.shipguard.json' in files)) fs.writeFileSync(path.join(dir, '.shipguard.json'), '{}\n');
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('shipguard report (built bundle)', function () {
  this.timeout(180_000);

  before(function () {
    if (!fs.existsSync(BUNDLE)) {
      const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, `build failed: ${r.stderr}`);
    }
  });

  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  describe('on examples/', () => {
    let scan: { findings: Array<{ rule: string; file: string; range: { start: { line: number } } }> };
    let json: { summary: Record<string, number>; findings: Array<{ rule: string; file: string; line: number; severity: string; fix: unknown }>; scores: unknown[]; verify: Record<string, string> };

    before(() => {
      const s = shipguard(EXAMPLES, 'scan', '.', '--format', 'json', '--no-progress', '--no-cache');
      assert.equal(s.status, 1, s.stderr);
      scan = JSON.parse(s.stdout);
      const r = shipguard(EXAMPLES, 'report', '.', '--format', 'json', '--no-progress', '--no-cache');
      assert.equal(r.status, 1, r.stderr);
      json = JSON.parse(r.stdout);
    });

    it('json: every finding scan reports, once, with its location and How to verify', () => {
      assert.ok(scan.findings.length > 10);
      assert.equal(json.summary.findings, scan.findings.length);
      const key = (f: { rule: string; file: string; line: number }) => `${f.rule} ${f.file}:${f.line}`;
      assert.deepEqual(json.findings.map(key).sort(), scan.findings.map((f) => key({ rule: f.rule, file: f.file.split(path.sep).join('/'), line: f.range.start.line })).sort());
      assert.equal(json.summary.critical + json.summary.high + json.summary.medium, json.summary.findings);
      for (const f of json.findings) assert.ok(json.verify[f.rule], `no How to verify for ${f.rule}`);
      assert.ok(json.findings.some((f) => f.fix !== null));
    });

    it('md: summary first, the severities and the counts of json', () => {
      const r = shipguard(EXAMPLES, 'report', '.', '--no-progress');
      assert.equal(r.status, 1, r.stderr);
      const s = json.summary;
      assert.ok(r.stdout.startsWith('# Production readiness report\n\n'));
      assert.ok(r.stdout.includes(`${s.findings} findings in ${s.files} files: ${s.critical} Critical, ${s.high} High, ${s.medium} Medium`));
      assert.ok(r.stdout.includes(`## Critical (${s.critical})`));
      assert.ok(r.stdout.includes(`## High (${s.high})`));
      assert.ok(r.stdout.includes(`## Medium (${s.medium})`));
      assert.ok(r.stdout.includes('## Project-level checks'));
      const [findingsPart, checksPart] = r.stdout.split('## Project-level checks');
      assert.equal((findingsPart.match(/^- \*\*/gm) ?? []).length, s.findings);
      assert.ok((checksPart.match(/^- \*\*/gm) ?? []).length > 0, 'the project-level checks are listed after the findings');
    });

    it('html to --output: one self-contained file with the same counts', () => {
      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shipguard-html-')), 'sub', 'report.html');
      dirs.push(path.dirname(path.dirname(out)));
      const r = shipguard(EXAMPLES, 'report', '.', '--format', 'html', '--output', out, '--no-progress');
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stdout, '');
      const html = fs.readFileSync(out, 'utf8');
      assert.match(html, /^<!DOCTYPE html>/);
      assert.ok(!/<script|<link\b|<img|<iframe/i.test(html));
      assert.ok(!/<[^>]*\b(src|href)\s*=\s*["']?(https?:|\/\/)/i.test(html));
      assert.match(html, new RegExp(`data-findings="${json.summary.findings}"`));
      assert.match(html, new RegExp(`id="critical" data-count="${json.summary.critical}"`));
      assert.equal((html.match(/<li class="(critical|high|medium)" data-rule=/g) ?? []).length, json.summary.findings);
    });
  });

  it('a clean workspace exits 0 and says nothing blocks launch', () => {
    const d = ws({ 'app.py': SAFE_PY });
    const r = shipguard(d, 'report', '--no-progress');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /0 findings in 1 file/);
    assert.match(r.stdout, /no finding blocks launch/);
  });

  it('applies the baseline as scan does', () => {
    const d = ws({ 'app.py': UNSAFE_PY });
    assert.equal(shipguard(d, 'baseline', '--output', 'baseline.json', '--no-progress').status, 0);
    const r = shipguard(d, 'report', '--baseline', 'baseline.json', '--format', 'json', '--no-progress', '--no-cache');
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.summary.findings, 0);
    assert.equal(j.summary.baselined, 1);
    fs.appendFileSync(path.join(d, 'app.py'), '\n\ndef more():\n    return requests.post("https://api.example.com/x")\n');
    const again = shipguard(d, 'report', '--baseline', 'baseline.json', '--format', 'json', '--no-progress', '--no-cache');
    assert.equal(again.status, 1, again.stderr);
    assert.deepEqual(JSON.parse(again.stdout).findings.map((f: { line: number }) => f.line), [9]);
  });

  it('applies the config: rules off and excludes', () => {
    const d = ws({ '.shipguard.json': '{"exclude": ["vendor/**"]}\n', 'vendor/lib.py': UNSAFE_PY, 'app.py': SAFE_PY });
    const r = shipguard(d, 'report', '--format', 'json', '--no-progress');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).summary.findings, 0);
    const off = ws({ '.shipguard.json': '{"rules": {"request-without-timeout": "off"}}\n', 'app.py': UNSAFE_PY });
    assert.equal(shipguard(off, 'report', '--no-progress').status, 0);
  });

  it('usage errors exit 2', () => {
    const d = ws({ 'app.py': SAFE_PY });
    const bad = shipguard(d, 'report', '--format', 'sarif');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /expected one of md, html, json/);
    assert.equal(shipguard(d, 'report', '--unsafe-fixes').status, 2);
    assert.equal(shipguard(d, 'report', '--baseline', 'missing.json').status, 2);
  });
});
