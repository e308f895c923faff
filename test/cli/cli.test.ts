/**
 * The built CLI (`node bin/shipguard.js`) as a process on temporary workspaces:
 * exit codes, output formats, file discovery, fix, baseline and cache.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'shipguard.js');
const BUNDLE = path.join(ROOT, 'server', 'out', 'cli.js');
const RULE = 'request-without-timeout';

const UNSAFE_PY = 'import requests\n\n\ndef rates():\n    return requests.get("https://api.example.com/rates").json()\n';
const SAFE_PY = 'import requests\n\n\ndef rates():\n    return requests.get("https://api.example.com/rates", timeout=10).json()\n';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function shipguard(cwd: string, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** A temp workspace with the given files (a .shipguard.json marks its root). */
function workspace(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipguard-cli-'));
  fs.writeFileSync(path.join(dir, '.shipguard.json'), '{}\n');
  for (const [name, content] of Object.entries(files)) {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  return dir;
}

const dirs: string[] = [];
function ws(files: Record<string, string | Buffer>): string {
  const d = workspace(files);
  dirs.push(d);
  return d;
}

describe('shipguard CLI (built bundle)', function () {
  this.timeout(120_000);

  before(function () {
    const stale = !fs.existsSync(BUNDLE) || fs.statSync(BUNDLE).mtimeMs < Math.max(newestSource(path.join(ROOT, 'server', 'src')), newestSource(path.join(ROOT, 'codemods')));
    if (stale) {
      const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, `build failed: ${r.stderr}`);
    }
  });

  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  describe('basics', () => {
    it('--version and --help exit 0', () => {
      const v = shipguard(ROOT, '--version');
      assert.equal(v.status, 0);
      assert.match(v.stdout, /^shipguard \d+\.\d+\.\d+/);
      const h = shipguard(ROOT, '--help');
      assert.equal(h.status, 0);
      assert.match(h.stdout, /shipguard scan/);
    });

    it('usage errors exit 2: no command, unknown command, bad format, an option of another command', () => {
      assert.equal(shipguard(ROOT).status, 2);
      const unknown = shipguard(ROOT, 'scna');
      assert.equal(unknown.status, 2);
      assert.match(unknown.stderr, /unknown command/);
      assert.equal(shipguard(ROOT, 'scan', '--format', 'xml').status, 2);
      const wrong = shipguard(ROOT, 'scan', '--diff');
      assert.equal(wrong.status, 2);
      assert.match(wrong.stderr, /--diff/);
      assert.equal(shipguard(ROOT, 'scan', '--jobs', 'zero').status, 2);
    });

    it('exit 0 and a summary when there is nothing to report', () => {
      const d = ws({ 'app/rates.py': SAFE_PY, 'app/empty.py': '' });
      const r = shipguard(d, 'scan', '--no-cache');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^0 findings in 0 files \(2 files scanned in \d+\.\d+ s\)\n$/);
    });

    it('a path that does not exist is reported and exits 2', () => {
      const d = ws({ 'a.py': SAFE_PY });
      const r = shipguard(d, 'scan', 'nope/', '--no-cache');
      assert.equal(r.status, 2);
      assert.match(r.stderr, /nope.*no such file/);
    });
  });

  describe('scan output', () => {
    it('text: path:line:col  rule-id  message, paths relative to the working directory', () => {
      const d = ws({ 'app/rates.py': UNSAFE_PY, 'app/ok.py': SAFE_PY });
      const r = shipguard(path.join(d, 'app'), 'scan', '--no-cache');
      assert.equal(r.status, 1, r.stderr);
      const lines = r.stdout.trim().split('\n');
      assert.match(lines[0], new RegExp(`^rates\\.py:5:12  warning  ${RULE}  \`requests\\.get\` without \`timeout=\``));
      assert.match(lines[lines.length - 1], /^1 finding in 1 file \(2 files scanned in \d+\.\d+ s\)$/);
      assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colour when stdout is not a TTY');
      const fromRoot = shipguard(d, 'scan', '--no-cache');
      assert.match(fromRoot.stdout, /^app\/rates\.py:5:12  /);
    });

    it('JSON: file, rule, severity, message, 1-based range, fingerprint, fixes', () => {
      const d = ws({ 'svc/rates.py': UNSAFE_PY });
      const r = shipguard(d, 'scan', '--format', 'json', '--no-cache');
      assert.equal(r.status, 1, r.stderr);
      const doc = JSON.parse(r.stdout);
      assert.equal(doc.summary.findings, 1);
      assert.equal(doc.findings.length, 1);
      const f = doc.findings[0];
      assert.equal(f.file, 'svc/rates.py');
      assert.equal(f.rule, RULE);
      assert.equal(f.severity, 'warning');
      assert.deepEqual(f.range.start, { line: 5, column: 12 });
      assert.equal(f.range.end.line, 5);
      assert.ok(f.range.end.column > f.range.start.column);
      assert.match(f.fingerprint, /^[0-9a-f]{32}:1$/);
      assert.ok(Array.isArray(f.fixes));
    });

    it('SARIF 2.1.0: schema, rule metadata, region, partialFingerprints, ruleIndex', () => {
      const d = ws({ 'svc/rates.py': '# 🚀 rates\n' + UNSAFE_PY.replace('    return', '    x = "é🚀"; return') });
      const out = path.join(d, 'out', 'report.sarif');
      const r = shipguard(d, 'scan', '--format', 'sarif', '--output', out, '--no-cache');
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stdout, '', 'the report goes to --output, not stdout');
      const log = JSON.parse(fs.readFileSync(out, 'utf8'));
      assert.equal(log.version, '2.1.0');
      assert.match(log.$schema, /sarif-2\.1\.0/);
      const run = log.runs[0];
      assert.equal(run.tool.driver.name, 'shipguard');
      assert.match(run.tool.driver.version, /^\d+\.\d+\.\d+/);
      const rules = run.tool.driver.rules as Array<Record<string, any>>;
      const idx = rules.findIndex((x) => x.id === RULE);
      assert.ok(idx >= 0);
      const meta = rules[idx];
      assert.ok(meta.shortDescription.text.length > 10);
      assert.ok(meta.fullDescription.text.length >= meta.shortDescription.text.length);
      assert.match(meta.help.markdown, /## What it does/);
      assert.equal(meta.defaultConfiguration.level, 'warning');
      assert.ok(meta.properties.tags.includes('secrets-auth-config'));
      assert.equal(run.results.length, 1);
      const res = run.results[0];
      assert.equal(res.ruleId, RULE);
      assert.equal(res.ruleIndex, idx);
      assert.equal(res.level, 'warning');
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uri, 'svc/rates.py');
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      // line 6: `    x = "é🚀"; return requests.get(` -> the call starts after 4 + 14 UTF-16 units ("é" 1, "🚀" 2)
      assert.equal(loc.region.startLine, 6);
      assert.equal(loc.region.startColumn, '    x = "é🚀"; return '.length + 1);
      assert.ok(loc.region.endColumn > loc.region.startColumn);
      assert.match(res.partialFingerprints['shipguardFingerprint/v1'], /^[0-9a-f]{32}:1$/);
    });

    it('--rule filters findings; an unknown rule exits 2 with close matches', () => {
      const d = ws({ 'a.py': UNSAFE_PY });
      assert.equal(shipguard(d, 'scan', '--rule', RULE, '--no-cache').status, 1);
      const other = shipguard(d, 'scan', '--rule', 'unused-suppression', '--no-cache');
      assert.equal(other.status, 0, other.stdout + other.stderr);
      assert.match(other.stdout, /^0 findings/);
      const bad = shipguard(d, 'scan', '--rule', 'request-without-timout');
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /unknown rule `request-without-timout`.*did you mean `request-without-timeout`/);
    });

    it('config: a rule switched off in .shipguard.json reports nothing', () => {
      const d = ws({ 'a.py': UNSAFE_PY });
      fs.writeFileSync(path.join(d, '.shipguard.json'), JSON.stringify({ rules: { [RULE]: 'off' } }));
      const r = shipguard(d, 'scan', '--no-cache');
      assert.equal(r.status, 0, r.stdout);
      fs.writeFileSync(path.join(d, '.shipguard.json'), '{ not json');
      const broken = shipguard(d, 'scan', '--no-cache');
      assert.equal(broken.status, 2, 'a broken config stops the run');
      assert.match(broken.stderr, /\.shipguard\.json:1:3: not valid JSON/);
      assert.equal(broken.stdout, '', 'nothing is scanned with a config that says something else');
    });
  });

  describe('file discovery', () => {
    it('honours root and nested .gitignore, config exclude and always-skipped directories', () => {
      const d = ws({
        '.gitignore': 'generated/\n*.tmp.py\n',
        'app/views.py': UNSAFE_PY,
        'generated/client.py': UNSAFE_PY,
        'app/scratch.tmp.py': UNSAFE_PY,
        'pkg/.gitignore': 'vendored/\n',
        'pkg/vendored/lib.py': UNSAFE_PY,
        'pkg/core.py': UNSAFE_PY,
        'legacy/old.py': UNSAFE_PY,
        'node_modules/lib/index.py': UNSAFE_PY,
        '.venv/lib/site.py': UNSAFE_PY,
        'web/__pycache__/x.py': UNSAFE_PY,
        'notes.txt': 'requests.get(url)',
      });
      fs.writeFileSync(path.join(d, '.shipguard.json'), JSON.stringify({ exclude: ['legacy/'] }));
      const r = shipguard(d, 'scan', '--format', 'json', '--no-cache');
      assert.equal(r.status, 1, r.stderr);
      const files = JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file).sort();
      assert.deepEqual(files, ['app/views.py', 'pkg/core.py']);
    });

    it('an explicitly named file is linted even when ignored, unless --force-exclude', () => {
      const d = ws({ '.gitignore': 'generated/\n', 'generated/client.py': UNSAFE_PY });
      assert.equal(shipguard(d, 'scan', 'generated/client.py', '--no-cache').status, 1);
      const forced = shipguard(d, 'scan', 'generated/client.py', '--force-exclude', '--no-cache');
      assert.equal(forced.status, 0, forced.stdout);
      assert.match(forced.stdout, /^0 findings/);
    });

    it('skips binary and non-source files with a reason on stderr', () => {
      const d = ws({ 'bin.py': Buffer.from([0x69, 0x6d, 0x00, 0x01, 0x02]), 'ok.py': SAFE_PY });
      const r = shipguard(d, 'scan', '--no-cache');
      assert.equal(r.status, 0);
      assert.match(r.stderr, /bin\.py: skipped: binary file/);
    });
  });

  describe('fix', () => {
    it('--diff prints a unified diff and changes nothing on disk', () => {
      const d = ws({ 'app/rates.py': UNSAFE_PY });
      const r = shipguard(d, 'fix', '--diff');
      assert.equal(r.status, 1);
      assert.match(r.stdout, /^--- a\/app\/rates\.py\n\+\+\+ b\/app\/rates\.py\n@@ /m);
      assert.match(r.stdout, /^-    return requests\.get\("https:\/\/api\.example\.com\/rates"\)\.json\(\)$/m);
      assert.match(r.stdout, /^\+    return requests\.get\("https:\/\/api\.example\.com\/rates", timeout=10\)\.json\(\)$/m);
      assert.match(r.stderr, /Would fix 1 issue in 1 file/);
      assert.equal(fs.readFileSync(path.join(d, 'app/rates.py'), 'utf8'), UNSAFE_PY);
    });

    it('writes the fixed file (keeping CRLF and the file mode); a second fix changes nothing', () => {
      const crlf = UNSAFE_PY.replace(/\n/g, '\r\n');
      const d = ws({ 'app/rates.py': UNSAFE_PY, 'app/win.py': crlf });
      fs.chmodSync(path.join(d, 'app/win.py'), 0o640);
      const r = shipguard(d, 'fix');
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /Fixed 2 issues in 2 files \(0 remaining\)/);
      assert.equal(fs.readFileSync(path.join(d, 'app/rates.py'), 'utf8'), SAFE_PY);
      assert.equal(fs.readFileSync(path.join(d, 'app/win.py'), 'utf8'), SAFE_PY.replace(/\n/g, '\r\n'));
      assert.equal(fs.statSync(path.join(d, 'app/win.py')).mode & 0o777, 0o640);
      assert.deepEqual(fs.readdirSync(path.join(d, 'app')).sort(), ['rates.py', 'win.py'], 'no temp files left behind');
      const again = shipguard(d, 'fix');
      assert.equal(again.status, 0);
      assert.match(again.stdout, /Fixed 0 issues in 0 files \(0 remaining\)/);
      assert.equal(fs.readFileSync(path.join(d, 'app/rates.py'), 'utf8'), SAFE_PY);
      assert.equal(shipguard(d, 'scan', '--no-cache').status, 0);
    });

    it('lists fixes that need input (no stable id in scope) and never writes them', () => {
      const py = [
        'import stripe',
        '',
        '',
        'def pay(order):',
        '    return stripe.PaymentIntent.create(amount=order.total_cents, currency="eur", metadata={"order_id": order.id})',
        '',
        '',
        'def topup(amount):',
        '    return stripe.Topup.create(amount=amount, currency="usd")',
        '',
      ].join('\n');
      const ts = [
        "import Stripe from 'stripe';",
        "const stripe = new Stripe('sk_test');",
        'export function link(priceId: string) {',
        '  return stripe.paymentLinks.create({ line_items: [{ price: priceId, quantity: 1 }] });',
        '}',
        '',
      ].join('\n');
      const d = ws({ 'billing.py': py, 'links.ts': ts });
      const r = shipguard(d, 'fix', '--unsafe-fixes', '--rule', 'stripe-idempotency-key');
      assert.equal(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /Fixed 1 issue in 1 file \(2 remaining\); 2 need input \(no stable id in scope\): billing\.py:9, links\.ts:4\n$/);
      const billing = fs.readFileSync(path.join(d, 'billing.py'), 'utf8');
      assert.match(billing, /metadata=\{"order_id": order\.id\}, idempotency_key=f"payment-intent-\{order\.id\}"\)/);
      assert.doesNotMatch(billing, /TODO_STABLE_ID/);
      assert.equal(fs.readFileSync(path.join(d, 'links.ts'), 'utf8'), ts, 'a fix that needs input is never written in bulk');
      // without --unsafe-fixes they are listed too, and not counted as unsafe fixes --unsafe-fixes would apply
      const safe = shipguard(d, 'fix', '--rule', 'stripe-idempotency-key', '--diff');
      assert.match(safe.stderr, /Would fix 0 issues in 0 files \(2 remaining\); 2 need input \(no stable id in scope\): billing\.py:9, links\.ts:4\n$/);
    });

    it('writes the names a secrets fix reads into .env.example (created when missing), never the values', () => {
      const settings = 'import os\n\nSECRET_KEY = "k3#n9vQz!p7Lr2Wx@f5Tb8Yc1Hd4Mg6J"\nJWT_KEY = os.getenv("JWT_SIGNING_KEY", "dev-signing-key")\n';
      const stripeTs = "import Stripe from 'stripe';\n\nexport const stripe = new Stripe('sk_live_u8jzPde0IgxLd6GncfBAepfJ');\n";
      const d = ws({ 'shop/settings.py': settings, 'web/billing.ts': stripeTs });
      const diff = shipguard(d, 'fix', '--unsafe-fixes', '--diff');
      assert.equal(diff.status, 1, diff.stdout + diff.stderr);
      assert.match(diff.stdout, /^--- \/dev\/null\n\+\+\+ b\/\.env\.example\n/m, 'the diff shows the new file');
      assert.ok(!fs.existsSync(path.join(d, '.env.example')), '--diff writes nothing');
      const r = shipguard(d, 'fix', '--unsafe-fixes', '--rule', 'hardcoded-secret', '--rule', 'insecure-secret-fallback');
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /Fixed 3 issues in 2 files \(0 remaining\)/);
      const example = fs.readFileSync(path.join(d, '.env.example'), 'utf8');
      assert.deepEqual(example.split('\n').sort(), ['', 'JWT_SIGNING_KEY=', 'SECRET_KEY=', 'STRIPE_SECRET_KEY='], example);
      for (const secret of ['k3#n9vQz', 'dev-signing-key', 'sk_live_']) assert.ok(!example.includes(secret), `${secret} is not written`);
      assert.match(fs.readFileSync(path.join(d, 'shop/settings.py'), 'utf8'), /SECRET_KEY = os\.environ\["SECRET_KEY"\]\nJWT_KEY = os\.environ\["JWT_SIGNING_KEY"\]\n$/);
      // a CRLF .env.example that declares some names already: only the new one is appended, in CRLF
      fs.writeFileSync(path.join(d, '.env.example'), 'SECRET_KEY=\r\nDATABASE_URL=\r\n');
      fs.writeFileSync(path.join(d, 'shop/settings.py'), settings);
      const again = shipguard(d, 'fix', '--unsafe-fixes', '--rule', 'hardcoded-secret', '--rule', 'insecure-secret-fallback');
      assert.equal(again.status, 0, again.stdout + again.stderr);
      assert.equal(fs.readFileSync(path.join(d, '.env.example'), 'utf8'), 'SECRET_KEY=\r\nDATABASE_URL=\r\nJWT_SIGNING_KEY=\r\n');
      assert.equal(shipguard(d, 'fix', '--unsafe-fixes').status, 0);
      assert.equal(fs.readFileSync(path.join(d, '.env.example'), 'utf8'), 'SECRET_KEY=\r\nDATABASE_URL=\r\nJWT_SIGNING_KEY=\r\n', 'a second fix adds nothing');
    });

    it('keeps a UTF-8 BOM and refuses to write a non-UTF-8 file', () => {
      const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(UNSAFE_PY)]);
      const latin1 = Buffer.from(`# caf\xe9\n${UNSAFE_PY}`, 'latin1');
      const d = ws({ 'bom.py': bom, 'latin.py': latin1 });
      const r = shipguard(d, 'fix');
      assert.match(r.stderr, /latin\.py: not valid UTF-8; refusing to fix it/);
      assert.deepEqual(fs.readFileSync(path.join(d, 'latin.py')), latin1);
      const fixed = fs.readFileSync(path.join(d, 'bom.py'));
      assert.deepEqual([...fixed.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.equal(fixed.subarray(3).toString('utf8'), SAFE_PY);
    });
  });

  describe('baseline', () => {
    it('suppresses recorded findings, survives line shifts, reports a new one', () => {
      const d = ws({ 'app/rates.py': UNSAFE_PY });
      const b = shipguard(d, 'baseline', '--output', 'baseline.json');
      assert.equal(b.status, 0, b.stderr);
      const data = JSON.parse(fs.readFileSync(path.join(d, 'baseline.json'), 'utf8'));
      assert.equal(data.findings.length, 1);
      assert.equal(data.findings[0].path, 'app/rates.py');
      assert.equal(shipguard(d, 'scan', '--baseline', 'baseline.json', '--no-cache').status, 0);
      // move the old finding down and add a new one
      const shifted = `"""Rates."""\nimport logging\n\n${UNSAFE_PY}\n\ndef rates_eur():\n    return requests.post("https://api.example.com/eur")\n`;
      fs.writeFileSync(path.join(d, 'app/rates.py'), shifted);
      const r = shipguard(d, 'scan', '--baseline', 'baseline.json', '--format', 'json', '--no-cache');
      assert.equal(r.status, 1);
      const doc = JSON.parse(r.stdout);
      assert.equal(doc.findings.length, 1);
      assert.match(doc.findings[0].message, /requests\.post/);
      assert.equal(doc.summary.baselined, 1);
      // from another working directory the same baseline applies
      const sub = shipguard(path.join(d, 'app'), 'scan', '--baseline', '../baseline.json', '--no-cache');
      assert.equal(sub.status, 1);
      assert.match(sub.stdout, /^rates\.py:12:12  warning  request-without-timeout  `requests\.post`/);
      assert.match(sub.stdout, /1 baselined finding not shown/);
      // SARIF keeps the baselined finding as suppressed, with its baseline state
      const sarifRun = shipguard(d, 'scan', '--baseline', 'baseline.json', '--format', 'sarif', '--no-cache');
      assert.equal(sarifRun.status, 1);
      const results = JSON.parse(sarifRun.stdout).runs[0].results as Array<Record<string, any>>;
      assert.deepEqual(results.map((x) => x.baselineState), ['unchanged', 'new']);
      assert.equal(results[0].suppressions[0].kind, 'external');
      assert.equal(results[1].suppressions, undefined);
    });

    it('a missing or malformed baseline exits 2', () => {
      const d = ws({ 'a.py': SAFE_PY, 'bad.json': '[]' });
      assert.equal(shipguard(d, 'scan', '--baseline', 'missing.json').status, 2);
      assert.equal(shipguard(d, 'scan', '--baseline', 'bad.json').status, 2);
    });
  });

  describe('workers and cache', () => {
    it('--jobs 2 (worker threads) gives the same findings as --jobs 1', () => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 12; i++) files[`pkg/m${i}.py`] = i % 3 ? UNSAFE_PY : SAFE_PY;
      const d = ws(files);
      const one = shipguard(d, 'scan', '--format', 'json', '--jobs', '1', '--no-cache', '--stats');
      const two = shipguard(d, 'scan', '--format', 'json', '--jobs', '2', '--no-cache', '--stats');
      assert.equal(one.status, 1, one.stderr);
      assert.equal(two.status, 1, two.stderr);
      const stats2 = JSON.parse(two.stderr.trim().split('\n').pop()!);
      assert.equal(stats2.workers, 2, 'ran in worker threads');
      assert.deepEqual(JSON.parse(two.stdout).findings, JSON.parse(one.stdout).findings);
      assert.equal(JSON.parse(one.stdout).findings.length, 8);
    });

    it('--timing prints the time per rule and parser to stderr', () => {
      // b.ts must mention what JS rules look for, or their textual prefilter skips parsing it
      const d = ws({ 'a.py': UNSAFE_PY, 'b.ts': "import axios from 'axios';\nexport const rates = () => axios.get('https://x');\n" });
      const r = shipguard(d, 'scan', '--timing');
      assert.equal(r.status, 1);
      assert.match(r.stderr, /^rule\s+time\s+share$/m);
      assert.match(r.stderr, new RegExp(`^${RULE}\\s+\\d+ ms\\s+[\\d.]+%$`, 'm'));
      assert.match(r.stderr, /^parse \(Python\)\s+\d+ ms/m);
      assert.match(r.stderr, /^parse \(JS\/TS\)\s+\d+ ms/m);
      assert.ok(!fs.existsSync(path.join(d, '.shipguard-cache')), '--timing does not use the cache');
    });

    it('a re-scan reads unchanged files from the cache and re-lints changed ones', () => {
      // other work in this tree may rebuild the bundle mid-test (a new build rightly empties the cache): retry then
      const bundleStamp = () => `${fs.statSync(BUNDLE).size}:${fs.statSync(BUNDLE).mtimeMs}`;
      for (let attempt = 1; ; attempt++) {
        const before = bundleStamp();
        const d = ws({ 'a.py': UNSAFE_PY, 'b.py': SAFE_PY });
        // files written in the last two seconds are not cached (clock resolution): age them
        const old = new Date(Date.now() - 60_000);
        for (const f of ['a.py', 'b.py']) fs.utimesSync(path.join(d, f), old, old);
        const hits = (r: Run) => JSON.parse(r.stderr.trim().split('\n').pop()!).cacheHits as number;
        const first = shipguard(d, 'scan', '--stats', '--format', 'json');
        const second = shipguard(d, 'scan', '--stats', '--format', 'json');
        fs.writeFileSync(path.join(d, 'b.py'), UNSAFE_PY);
        const third = shipguard(d, 'scan', '--stats', '--format', 'json');
        if (bundleStamp() !== before && attempt < 3) continue;
        assert.equal(hits(first), 0);
        assert.ok(fs.existsSync(path.join(d, '.shipguard-cache', '.gitignore')), 'the cache directory ignores itself');
        assert.equal(hits(second), 2);
        assert.deepEqual(JSON.parse(second.stdout).findings, JSON.parse(first.stdout).findings);
        assert.equal(hits(third), 1);
        assert.equal(JSON.parse(third.stdout).findings.length, 2);
        break;
      }
    });
  });

  describe('lsp', () => {
    it('`lsp --stdio` answers initialize and exits 0 after shutdown/exit', async () => {
      const p = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: ROOT });
      const frame = (o: object) => {
        const s = JSON.stringify(o);
        return `Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`;
      };
      let out = '';
      const code = await new Promise<number | null>((resolve, reject) => {
        const timer = setTimeout(() => {
          p.kill();
          reject(new Error(`no answer; got: ${out}`));
        }, 30_000);
        p.stdout.on('data', (d: Buffer) => {
          const had = out.includes('"capabilities"');
          out += d.toString('utf8');
          if (!had && out.includes('"capabilities"')) {
            p.stdin.write(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }));
            p.stdin.write(frame({ jsonrpc: '2.0', method: 'exit' }));
          }
        });
        p.on('exit', (c) => {
          clearTimeout(timer);
          resolve(c);
        });
        p.stdin.write(frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
      });
      assert.match(out, /"id":1,"result":\{"capabilities"/);
      assert.equal(code, 0);
    });

    it('`lsp` without --stdio is a usage error', () => {
      assert.equal(shipguard(ROOT, 'lsp').status, 2);
    });
  });

  describe('rules and explain', () => {
    it('rules lists every rule; --format json is machine-readable', () => {
      const t = shipguard(ROOT, 'rules');
      assert.equal(t.status, 0);
      assert.match(t.stdout, new RegExp(`^${RULE} `, 'm'));
      const j = JSON.parse(shipguard(ROOT, 'rules', '--format', 'json').stdout);
      const rule = j.find((r: { id: string }) => r.id === RULE);
      assert.ok(rule);
      assert.ok(rule.summary.length > 10);
    });

    it('explain prints the rule docs; an unknown id exits 2', () => {
      const r = shipguard(ROOT, 'explain', RULE);
      assert.equal(r.status, 0);
      assert.match(r.stdout, new RegExp(`^# ${RULE}\\n`));
      assert.match(r.stdout, /## What it does[\s\S]*## Why is this bad\?/);
      const bad = shipguard(ROOT, 'explain', 'request-without-timeuot');
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /did you mean/);
    });
  });
});
