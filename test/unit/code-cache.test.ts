/**
 * The bundles' V8 code cache: a file loaded without a cache is cached when its writes are
 * flushed (beside it, replacing an earlier build's cache), a later load takes the cache, and a
 * scan worker started through the loader lints as an in-process scan does and caches its
 * bundle and the TypeScript compiler after its first batch.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { discoverFiles } from '../../server/src/engine/discovery';
import { defaultConfig } from '../../server/src/engine/config';
import { scanWorkspace } from '../../server/src/engine/workspace';
import { RULES } from '../../server/src/rules';
import { ready } from '../harness';

const OUT = path.join(__dirname, '..', '..', 'server', 'out');
const caches = (dir: string, name: string) => fs.readdirSync(dir).filter((f) => f.startsWith(`${name}.`) && f.endsWith('.v8cache'));

describe('code cache', function () {
  this.timeout(60_000);
  let dir: string;
  before(ready);
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sg-codecache-')));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes a loaded file's cache at the flush, replaces an earlier build's, and takes it in the next process", () => {
    const loader = path.join(OUT, 'code-cache.js');
    if (!fs.existsSync(loader)) throw new Error(`build the bundles first (npm run build): ${loader}`);
    const file = path.join(dir, 'mod.js');
    fs.writeFileSync(file, 'exports.twice = (x) => x * 2;\nexports.dir = __dirname;\n');
    fs.writeFileSync(path.join(dir, 'mod.js.1-1.v8cache'), 'an earlier build');
    // each load in a process of its own: within one, V8's own compilation cache answers first
    const load = (flush: boolean) => {
      const code = `const c = require(${JSON.stringify(loader)}); const m = c.loadWithCodeCache(${JSON.stringify(file)}, 'flush'); ${flush ? 'c.flushCodeCaches();' : ''} process.stdout.write(JSON.stringify([m.twice(21), m.dir]));`;
      const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), [42, dir]);
    };
    load(false);
    assert.deepEqual(caches(dir, 'mod.js'), ['mod.js.1-1.v8cache'], 'nothing is written without the flush');
    load(true);
    const [cache] = caches(dir, 'mod.js');
    assert.ok(cache && cache !== 'mod.js.1-1.v8cache', caches(dir, 'mod.js').join(' '));
    assert.deepEqual(caches(dir, 'mod.js'), [cache], "the earlier build's cache is gone");
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(dir, cache), old, old);
    load(true);
    assert.ok(Math.abs(fs.statSync(path.join(dir, cache)).mtimeMs - old.getTime()) < 1000, 'a cache V8 took is not written again');
    fs.writeFileSync(path.join(dir, cache), 'not a cache');
    load(true);
    assert.notEqual(fs.readFileSync(path.join(dir, cache), 'utf8'), 'not a cache', 'a cache V8 rejects is written anew');
  });

  it('a scan worker started through the loader lints as in-process and caches the worker bundle and the compiler after a batch', async () => {
    for (const f of ['worker.js', 'code-cache.js', 'typescript.js']) {
      if (!fs.existsSync(path.join(OUT, f))) throw new Error(`build the bundles first (npm run build): ${f}`);
    }
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    for (const f of fs.readdirSync(OUT)) if (/\.(js|wasm)$/.test(f)) fs.copyFileSync(path.join(OUT, f), path.join(out, f));
    const project = path.join(dir, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'a.py'), 'import requests\nrequests.get("https://x")\n');
    fs.writeFileSync(path.join(project, 'b.ts'), 'import axios from "axios";\nexport const get = () => axios.get("https://x");\n');
    fs.writeFileSync(path.join(project, 'c.py'), 'x = 1\n');
    const files = discoverFiles([project], { root: project, config: defaultConfig() }).files;
    const summary = (r: Awaited<ReturnType<typeof scanWorkspace>>) => r.reports.map((x) => [path.basename(x.path), x.findings.map((f) => `${f.ruleId}:${f.line}`)]);
    const inProcess = await scanWorkspace(files, { rules: RULES, config: defaultConfig(), workerPath: null });
    const viaWorkers = await scanWorkspace(files, { rules: RULES, config: defaultConfig(), workerPath: path.join(out, 'worker.js'), jobs: 2, forceWorkers: true });
    assert.equal(viaWorkers.workers, 2);
    assert.deepEqual(summary(viaWorkers), summary(inProcess));
    assert.ok(summary(inProcess).flatMap(([, f]) => f).length >= 2, JSON.stringify(summary(inProcess)));
    assert.equal(caches(out, 'worker.js').length, 1, fs.readdirSync(out).join(' '));
    assert.equal(caches(out, 'typescript.js').length, 1, fs.readdirSync(out).join(' '));
  });
});
