/** Workspace discovery and scanning in-process: ignore semantics, globs, worker failure recovery, cache. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { discoverFiles } from '../../server/src/engine/discovery';
import { scanWorkspace } from '../../server/src/engine/workspace';
import { fingerprintText, reportFindings } from '../../server/src/engine/report';
import { defaultConfig, mergeConfig } from '../../server/src/engine/config';
import { LineIndex } from '../../server/src/text/positions';
import { RULES } from '../../server/src/rules';
import { lintText, ready } from '../harness';

const UNSAFE = 'import requests\nrequests.get("https://x")\n';

function tree(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'shipguard-ws-')));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('workspace', function () {
  this.timeout(60_000);
  before(ready);
  const made: string[] = [];
  const mk = (files: Record<string, string>) => {
    const d = tree(files);
    made.push(d);
    return d;
  };
  after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const rel = (root: string, files: string[]) => files.map((f) => path.relative(root, f).split(path.sep).join('/'));

  describe('discoverFiles', () => {
    it('walks source files only, skipping .d.ts and always-skipped directories', () => {
      const d = mk({ 'a.py': '', 'b.ts': '', 'types.d.ts': '', 'c.tsx': '', 'README.md': '', 'dist/x.js': '', 'node_modules/m/i.js': '', 'venv/lib/x.py': '', 'src/build/gen.py': '' });
      const found = discoverFiles([d], { root: d, config: defaultConfig() });
      assert.deepEqual(rel(d, found.files), ['a.py', 'b.ts', 'c.tsx']);
    });

    it('nested .gitignore applies below its directory only; negation re-includes', () => {
      const d = mk({
        '.gitignore': '*.gen.py\n!keep.gen.py\n',
        'keep.gen.py': '',
        'drop.gen.py': '',
        'api/.gitignore': 'fixtures/\n/local.py\n',
        'api/fixtures/f.py': '',
        'api/local.py': '',
        'api/sub/local.py': '',
        'fixtures/top.py': '',
      });
      const found = discoverFiles([d], { root: d, config: defaultConfig() });
      assert.deepEqual(rel(d, found.files), ['api/sub/local.py', 'fixtures/top.py', 'keep.gen.py']);
    });

    it('config exclude patterns are gitignore-style, relative to the root', () => {
      const d = mk({ 'app/migrations/0001.py': '', 'app/views.py': '', 'scripts/x.py': '' });
      const config = mergeConfig(defaultConfig(), { exclude: ['migrations/', '/scripts'] });
      assert.deepEqual(rel(d, discoverFiles([d], { root: d, config }).files), ['app/views.py']);
      // scanning a subdirectory applies the same root-relative patterns
      assert.deepEqual(rel(d, discoverFiles([path.join(d, 'app')], { root: d, config }).files), ['app/views.py']);
    });

    it('an explicitly named ignored directory is walked; name patterns still apply inside it', () => {
      const d = mk({ '.gitignore': 'generated/\n*.tmp.py\n', 'generated/client.py': '', 'generated/x.tmp.py': '', 'generated/node_modules/m.py': '' });
      assert.deepEqual(rel(d, discoverFiles([d], { root: d, config: defaultConfig() }).files), []);
      const found = discoverFiles([path.join(d, 'generated')], { root: d, config: defaultConfig() });
      assert.deepEqual(rel(d, found.files), ['generated/client.py']);
      assert.deepEqual(discoverFiles([path.join(d, 'generated')], { root: d, config: defaultConfig(), forceExclude: true }).files, []);
      // --force-exclude also applies to a file whose directory is ignored
      assert.deepEqual(discoverFiles([path.join(d, 'generated', 'client.py')], { root: d, config: defaultConfig(), forceExclude: true }).files, []);
      assert.equal(discoverFiles([path.join(d, 'generated', 'client.py')], { root: d, config: defaultConfig() }).files.length, 1);
    });

    it('glob arguments are expanded and still honour ignores; missing paths and unsupported files are reported', () => {
      const d = mk({ '.gitignore': 'old/\n', 'src/a.py': '', 'src/b.ts': '', 'old/c.py': '', 'notes.txt': '' });
      const prev = process.cwd();
      process.chdir(d);
      try {
        const found = discoverFiles(['**/*.py', 'nothing-here/', 'notes.txt'], { root: d, config: defaultConfig() });
        assert.deepEqual(rel(d, found.files), ['src/a.py']);
        assert.deepEqual(found.missing, ['nothing-here/']);
        assert.deepEqual(found.unsupported, ['notes.txt']);
      } finally {
        process.chdir(prev);
      }
    });

    it('does not follow symlinked directories (no loops)', () => {
      const d = mk({ 'pkg/a.py': '' });
      try {
        fs.symlinkSync(d, path.join(d, 'pkg', 'loop'), 'dir');
      } catch {
        return; // no symlinks on this file system
      }
      assert.deepEqual(rel(d, discoverFiles([d], { root: d, config: defaultConfig() }).files), ['pkg/a.py']);
    });
  });

  describe('scanWorkspace', () => {
    it('lints in-process and reports positions and fingerprints', async () => {
      const d = mk({ 'a.py': UNSAFE, 'b.py': 'x = 1\n' });
      const files = discoverFiles([d], { root: d, config: defaultConfig() }).files;
      const res = await scanWorkspace(files, { rules: RULES, config: defaultConfig(), workerPath: null });
      assert.equal(res.workers, 0);
      assert.deepEqual(res.reports.map((r) => [path.basename(r.path), r.findings.length]), [['a.py', 1], ['b.py', 0]]);
      const f = res.reports[0].findings[0];
      assert.deepEqual([f.line, f.column, f.sarif.startLine, f.sarif.startColumn], [2, 1, 2, 1]);
    });

    it('a worker that crashes costs time, not results: its files are linted in-process', async () => {
      const d = mk({ 'a.py': UNSAFE, 'b.py': UNSAFE, 'c.py': 'x = 1\n' });
      const bad = path.join(mk({}), 'bad-worker.js');
      fs.writeFileSync(bad, "throw new Error('boom');\n");
      const logs: string[] = [];
      const files = discoverFiles([d], { root: d, config: defaultConfig() }).files;
      const res = await scanWorkspace(files, { rules: RULES, config: defaultConfig(), workerPath: bad, jobs: 2, forceWorkers: true, log: (m) => logs.push(m) });
      assert.equal(res.reports.length, 3);
      assert.equal(res.reports.reduce((s, r) => s + r.findings.length, 0), 2);
      assert.ok(logs.some((l) => /boom|exited/.test(l)), logs.join('\n'));
    });

    it('a cancelled worker scan stops between batches and lints nothing in-process after it', async () => {
      const worker = path.join(__dirname, '..', '..', 'server', 'out', 'worker.js');
      if (!fs.existsSync(worker)) throw new Error(`build the worker bundle first (npm run build): ${worker}`);
      // 80 files of 4 KB: batches of a few files each, so a cancel after the first report leaves most undone
      const padding = '# a comment line to give the file some size\n'.repeat(90);
      const spec: Record<string, string> = {};
      for (let i = 0; i < 80; i++) spec[`m${String(i).padStart(2, '0')}.py`] = padding + UNSAFE;
      const d = mk(spec);
      const files = discoverFiles([d], { root: d, config: defaultConfig() }).files;
      const streamed: string[] = [];
      const res = await scanWorkspace(files, {
        rules: RULES,
        config: defaultConfig(),
        workerPath: worker,
        jobs: 2,
        forceWorkers: true,
        onReport: (r) => streamed.push(r.path),
        cancelled: () => streamed.length > 0,
      });
      assert.ok(res.reports.length >= 1 && res.reports.length < 40, `${res.reports.length} of 80 files linted after the cancel`);
      assert.deepEqual([...streamed].sort(), res.reports.map((r) => r.path).sort(), 'every report was streamed once');
      assert.ok(res.reports.every((r) => r.findings.length === 1));
    });

    it('the cache returns stored reports for unchanged files and re-lints changed ones', async () => {
      const d = mk({ 'a.py': UNSAFE, 'b.py': 'x = 1\n' });
      const old = new Date(Date.now() - 60_000);
      for (const f of ['a.py', 'b.py']) fs.utimesSync(path.join(d, f), old, old);
      const files = discoverFiles([d], { root: d, config: defaultConfig() }).files;
      const cache = { dir: path.join(d, '.cache'), key: 'k1' };
      const opts = { rules: RULES, config: defaultConfig(), workerPath: null, cache };
      const first = await scanWorkspace(files, opts);
      assert.equal(first.cacheHits, 0);
      const second = await scanWorkspace(files, opts);
      assert.equal(second.cacheHits, 2);
      assert.deepEqual(second.reports.map((r) => r.findings), first.reports.map((r) => r.findings));
      fs.writeFileSync(path.join(d, 'b.py'), UNSAFE);
      const third = await scanWorkspace(files, opts);
      assert.equal(third.cacheHits, 1);
      assert.equal(third.reports[1].findings.length, 1);
      const otherKey = await scanWorkspace(files, { ...opts, cache: { ...cache, key: 'k2' } });
      assert.equal(otherKey.cacheHits, 0, 'a different rule set or config does not reuse results');
    });
  });

  describe('cache across files', () => {
    it('a cached file is re-linted when a project module it imports changes', async () => {
      const d = mk({
        'pkg/__init__.py': '',
        'pkg/client.py': 'from stripe import StripeClient\n\nstripe_client = StripeClient("sk_test_x")\n',
        'pkg/views.py': 'from .client import stripe_client\n\n\ndef checkout(order):\n    stripe_client.payment_intents.create(params={"amount": order.total})\n',
        'pkg/other.py': 'import json\nx = json.dumps({})\n',
      });
      const age = (seconds: number) => {
        const old = new Date(Date.now() - seconds * 1000);
        for (const f of ['pkg/__init__.py', 'pkg/client.py', 'pkg/views.py', 'pkg/other.py']) fs.utimesSync(path.join(d, f), old, old);
      };
      age(120);
      const files = discoverFiles([d], { root: d, config: defaultConfig() }).files;
      const opts = { rules: RULES, config: defaultConfig(), workerPath: null, cache: { dir: path.join(d, '.cache'), key: 'k' } };
      const count = (r: Awaited<ReturnType<typeof scanWorkspace>>) => r.reports.find((x) => x.path.endsWith('views.py'))!.findings.length;
      const first = await scanWorkspace(files, opts);
      assert.equal(count(first), 1, 'the client imported from pkg/client.py is a StripeClient');
      fs.writeFileSync(path.join(d, 'pkg/client.py'), 'class _Fake:\n    def create(self, **kw):\n        return kw\n\nstripe_client = _Fake()\n');
      // only client.py really changes; the others keep their size and get an older, still-cached-looking mtime
      fs.utimesSync(path.join(d, 'pkg/client.py'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      const second = await scanWorkspace(files, opts);
      assert.equal(count(second), 0, 'views.py was re-linted after client.py changed');
      assert.equal(second.cacheHits, 2, '__init__.py and other.py (which import nothing that changed) came from the cache');
    });
  });

  describe('fingerprints', () => {
    it('survive line shifts and re-indentation, and tell repeated identical statements apart', () => {
      const a = 'import requests\n\ndef f():\n    requests.get("u")\n    requests.get("u")\n';
      const b = '"""Doc."""\nimport requests\n\n\nclass C:\n    def f(self):\n        requests.get("u")\n        requests.get("u")\n';
      const fp = (text: string) => {
        const idx = new LineIndex(text);
        return reportFindings(text, idx, lintText('x.py', text, { only: ['request-without-timeout'] }).findings).map((f) => f.fingerprint);
      };
      const fa = fp(a);
      const fb = fp(b);
      assert.equal(fa.length, 2);
      assert.notEqual(fa[0], fa[1], 'occurrence index separates identical statements');
      assert.deepEqual(fb, fa);
      const changed = fp(a.replace('requests.get("u")\n    requests', 'requests.get("v")\n    requests'));
      assert.notEqual(changed[0], fa[0], 'a different statement gets a different fingerprint');
    });

    it('reported fixes say when they need input (JSON and SARIF output carry it)', () => {
      const text = 'import stripe\n\n\ndef topup(amount):\n    return stripe.Topup.create(amount=amount, currency="usd")\n';
      const idx = new LineIndex(text);
      const [f] = reportFindings(text, idx, lintText('x.py', text, { only: ['stripe-idempotency-key'] }).findings);
      assert.deepEqual(
        f.fixes.map((x) => [x.applicability, x.needsInput]),
        [['unsafe', 'no stable id in scope']],
      );
      const keyed = text.replace('def topup(amount):', 'def topup(amount, order):').replace('currency="usd"', 'currency="usd", metadata={"order_id": order.id}');
      const [g] = reportFindings(keyed, new LineIndex(keyed), lintText('x.py', keyed, { only: ['stripe-idempotency-key'] }).findings);
      assert.deepEqual(
        g.fixes.map((x) => ({ title: x.title, applicability: x.applicability, needsInput: x.needsInput })),
        [{ title: 'Add `idempotency_key=f"topup-{order.id}"`', applicability: 'unsafe', needsInput: undefined }],
        'a complete fix has no needsInput',
      );
      assert.ok(!('needsInput' in g.fixes[0]), 'the key is absent, not undefined, in JSON');
    });

    it('use the finding lines, not a whole long compound statement', () => {
      const body = Array.from({ length: 40 }, (_, i) => `        x${i} = ${i}`).join('\n');
      const text = `import requests\nif requests.get("u").ok:\n${body}\n`;
      const idx = new LineIndex(text);
      const f = lintText('x.py', text, { only: ['request-without-timeout'] }).findings[0];
      assert.equal(fingerprintText(text, idx, f), 'if requests.get("u").ok:');
    });
  });
});
