// The shipguard benchmark, on real code that installs offline:
//   npm run bench [-- [CORPUS_DIR] [--check-budget] [--repeat R] [--skip-build] [--no-lsp]]
//
// Sources (copied into the git-ignored .cache/bench-real/, since the scan never walks node_modules):
//   - the Python sources of Debian's python3-django, python3-djangorestframework and python3-celery
//     (`apt-get install python3-django python3-djangorestframework python3-celery`; skipped with a
//     message when absent);
//   - the TypeScript sources shipped in npm packages of the project's own install (@azure/msal-*
//     src/, ajv lib/), and examples/.
// CORPUS_DIR (for example a corpus made by ../shared/bench/materialize.sh) is measured too.
//
// For each set, with the bundled CLI, each run a fresh process: files, lines, wall and CPU seconds
// (user + system, worker threads included), lines/s, peak RSS; the per-rule cost against parsing
// (--timing); the cached re-scan; the cold single-file CLI on the largest Python and TS file; and the
// editor latency through the language server (open, edit -> diagnostics p50/p95, and compute
// time without the debounce) on those two files.
//
// --check-budget measures only the rule budget on the bench sources and exits 1 when all rules
// together cost more than parsing, or one rule more than 15% of parsing. It is a ratio inside one run
// (noise cancels mostly); a failing run is repeated up to five times and the best run counts.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const cliBin = path.join(repo, 'bin', 'shipguard.js');
const cliBundle = path.join(repo, 'server', 'out', 'cli.js');
// outside bench/ (whose .ts files tsc checks) and git-ignored (.cache/)
const realDir = path.join(repo, '.cache', 'bench-real');

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const REPEAT = Math.max(1, Number(opt('--repeat', '1')));
const CHECK_BUDGET = argv.includes('--check-budget');
const extraCorpus = argv.find((a, i) => !a.startsWith('--') && !(i > 0 && argv[i - 1] === '--repeat'));

/** The budget every rule must fit, as shares of parse time. */
const BUDGET = { allRules: 1.0, oneRule: 0.15 };
const TARGETS = { linesPerSecond: 300_000, scanRssMb: 250, editP95ComputeMs: 30, openMs: 150, singleFileSeconds: 0.3, cachedRescanSeconds: 1 };

const PYTHON_SOURCES = [
  ['python3-django', '/usr/lib/python3/dist-packages/django'],
  ['python3-djangorestframework', '/usr/lib/python3/dist-packages/rest_framework'],
  ['python3-celery', '/usr/lib/python3/dist-packages/celery'],
];
const TS_SOURCES = ['@azure/msal-common/src', '@azure/msal-node/src', '@azure/msal-browser/src', 'ajv/lib'];

function newestMtime(dir) {
  let newest = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'out' || e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|mts|json)$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  walk(dir);
  return newest;
}

function ensureBuilt() {
  if (argv.includes('--skip-build') && fs.existsSync(cliBundle)) return;
  const built = fs.existsSync(cliBundle) ? fs.statSync(cliBundle).mtimeMs : 0;
  const newest = Math.max(newestMtime(path.join(repo, 'server', 'src')), newestMtime(path.join(repo, 'codemods')));
  if (built >= newest) return;
  console.error('bench: building (node esbuild.mjs)...');
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('bench: build failed');
    process.exit(2);
  }
}

/** Copies the source files (.py, non-declaration .ts) of `from` into `to`, keeping the layout. */
function copySources(from, to, re) {
  let n = 0;
  const walk = (d, out) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p, path.join(out, e.name));
      else if (e.isFile() && re.test(e.name) && !/\.d\.[cm]?ts$/.test(e.name)) {
        fs.mkdirSync(out, { recursive: true });
        fs.copyFileSync(p, path.join(out, e.name));
        n++;
      }
    }
  };
  walk(from, to);
  return n;
}

/** .cache/bench-real/: the real sources, copied once (again when missing, or when a source was installed or removed since). */
function ensureRealSources() {
  const marker = path.join(realDir, '.sources.json');
  if (fs.existsSync(marker)) {
    const kept = JSON.parse(fs.readFileSync(marker, 'utf8'));
    const there = [...PYTHON_SOURCES.filter(([, dir]) => fs.existsSync(dir)).map(([pkg]) => pkg), ...TS_SOURCES.filter((rel) => fs.existsSync(path.join(repo, 'node_modules', rel))).map((rel) => `npm ${rel}`), 'examples/'];
    if (kept.map((u) => u.source).join('\n') === there.join('\n')) return kept;
  }
  fs.rmSync(realDir, { recursive: true, force: true });
  fs.mkdirSync(realDir, { recursive: true });
  // a root marker, so the workspace root (and its cache) is this directory itself
  fs.writeFileSync(path.join(realDir, '.shipguard.json'), '{}\n');
  const used = [];
  for (const [pkg, dir] of PYTHON_SOURCES) {
    if (!fs.existsSync(dir)) {
      console.error(`bench: ${pkg} is not installed (${dir}); skipping it (apt-get install ${pkg})`);
      continue;
    }
    used.push({ source: pkg, files: copySources(dir, path.join(realDir, 'python', path.basename(dir)), /\.py$/) });
  }
  for (const rel of TS_SOURCES) {
    const dir = path.join(repo, 'node_modules', rel);
    if (!fs.existsSync(dir)) {
      console.error(`bench: node_modules/${rel} is missing; skipping it`);
      continue;
    }
    used.push({ source: `npm ${rel}`, files: copySources(dir, path.join(realDir, 'ts', rel.replace(/\//g, '_')), /\.ts$/) });
  }
  used.push({ source: 'examples/', files: copySources(path.join(repo, 'examples'), path.join(realDir, 'examples'), /\.(py|[cm]?[jt]sx?)$/) });
  fs.writeFileSync(marker, JSON.stringify(used, null, 2));
  return used;
}

/** Runs the CLI; returns wall seconds, exit code, stdout and the --stats JSON (a stderr line). */
function cli(args, cwd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cliBin, ...args], { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status === 2 || r.status === null) {
    console.error(r.stderr);
    throw new Error(`shipguard ${args.join(' ')} failed (exit ${r.status})`);
  }
  let stats = null;
  for (const line of r.stderr.trim().split('\n').reverse()) {
    if (!line.startsWith('{')) continue;
    try {
      stats = JSON.parse(line);
      break;
    } catch {
      // not the stats line
    }
  }
  return { wall, status: r.status, stdout: r.stdout, stats };
}

/**
 * Rule and parser milliseconds of one --timing scan; shares of parse time. The scan is the plain
 * one (text output), as in the corpus figures: fixes are computed only when an output carries
 * them, and --timing reports that apart (`fixes ...`), not as any rule's detection.
 */
function budget(dir) {
  const r = cli(['scan', '.', '--no-cache', '--no-progress', '--stats', '--timing'], dir);
  const timing = r.stats?.timing ?? {};
  let parse = 0;
  const shared = {};
  const rules = {};
  for (const [k, v] of Object.entries(timing)) {
    if (k.startsWith('parse')) parse += v;
    // facts several rules share (the endpoint model, other modules' parses) count in the total,
    // on no rule's own share; the endpoint model is held to one rule's budget too
    else if (k.startsWith('facts shared')) shared[k] = (shared[k] ?? 0) + v;
    else if (!k.startsWith('fixes')) rules[k] = v;
  }
  const total = Object.values(rules).reduce((a, b) => a + b, 0) + Object.values(shared).reduce((a, b) => a + b, 0);
  const shares = Object.fromEntries(Object.entries(rules).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, v / Math.max(parse, 1e-9)]));
  const sharedShares = Object.fromEntries(Object.entries(shared).map(([k, v]) => [k, v / Math.max(parse, 1e-9)]));
  const worst = Object.entries(shares)[0] ?? ['-', 0];
  const endpointModel = Object.entries(sharedShares).find(([k]) => k.includes('endpoint model'))?.[1] ?? 0;
  const ok = total <= BUDGET.allRules * parse && worst[1] <= BUDGET.oneRule && endpointModel <= BUDGET.oneRule;
  return { parseMs: parse, rulesMs: total, sharedShares, allShare: total / Math.max(parse, 1e-9), shares, worst, ok, timing };
}

function printBudget(b) {
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  console.log(`rule budget: all rules ${pct(b.allShare)} of parsing (limit ${pct(BUDGET.allRules)}), parsing ${Math.round(b.parseMs)} ms`);
  for (const [k, v] of Object.entries(b.sharedShares)) {
    const over = k.includes('endpoint model') && v > BUDGET.oneRule ? `  OVER ${pct(BUDGET.oneRule)}` : '';
    console.log(`  ${k.padEnd(36)} ${pct(v).padStart(7)} of parsing (in the total, no rule's own)${over}`);
  }
  for (const [k, v] of Object.entries(b.shares)) console.log(`  ${k.padEnd(36)} ${pct(v).padStart(7)} of parsing${v > BUDGET.oneRule ? `  OVER ${pct(BUDGET.oneRule)}` : ''}`);
}

function largest(dir, re) {
  let best = null;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (re.test(e.name) && !/\.d\.ts$/.test(e.name)) {
        const size = fs.statSync(p).size;
        if (size < 400_000 && (!best || size > best.size)) best = { path: p, size };
      }
    }
  };
  walk(dir);
  return best?.path ?? null;
}

function lspLatency(file) {
  const r = spawnSync(process.execPath, [path.join(here, 'lsp-latency.mjs'), `${process.execPath} ${cliBin} lsp --stdio`, file], { encoding: 'utf8', timeout: 300_000 });
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop());
  } catch {
    return { error: (r.stderr || r.stdout || 'no output').slice(0, 300) };
  }
}

function measure(name, dir) {
  const scans = [];
  for (let i = 0; i < REPEAT; i++) {
    const r = cli(['scan', '.', '--format', 'json', '--no-cache', '--no-progress', '--stats'], dir);
    scans.push({ ...r.stats, wall: r.wall, findings: JSON.parse(r.stdout).summary.findings });
  }
  const scan = scans.reduce((a, b) => (b.cpuSeconds < a.cpuSeconds ? b : a));
  const b = budget(dir);
  // cache: one run fills it, the next reads it; only in .cache/bench-real (a given corpus is never written to)
  let cached = null;
  if (dir === realDir) {
    cli(['scan', '.', '--format', 'json', '--no-progress', '--stats'], dir);
    cached = cli(['scan', '.', '--format', 'json', '--no-progress', '--stats'], dir);
  }
  const single = {};
  const editor = {};
  for (const [lang, re] of [['python', /\.py$/], ['typescript', /\.ts$/]]) {
    const f = largest(dir, re);
    if (!f) continue;
    const t = cli(['scan', f, '--no-cache', '--no-progress'], dir);
    single[lang] = { file: path.relative(dir, f), seconds: Number(t.wall.toFixed(3)) };
    if (!argv.includes('--no-lsp')) editor[lang] = { file: path.relative(dir, f), ...lspLatency(f) };
  }
  return { name, dir, scan, budget: b, cached: cached && { wall: Number(cached.wall.toFixed(3)), cacheHits: cached.stats?.cacheHits }, single, editor };
}

function report(m) {
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  const s = m.scan;
  console.log(`\n== ${m.name} (${m.dir})`);
  console.log(`files ${fmt(s.files)}, lines ${fmt(s.lines)}, findings ${s.findings}`);
  console.log(`scan (all rules, ${s.workers} workers): wall ${s.wall.toFixed(2)} s, CPU ${s.cpuSeconds.toFixed(2)} s, ${fmt(s.linesPerSecond)} lines/s (target ${fmt(TARGETS.linesPerSecond)}), peak RSS ${s.maxRssMb} MiB (target < ${TARGETS.scanRssMb})`);
  printBudget(m.budget);
  if (!m.cached) console.log('cached re-scan: not measured here (the cache would be written into the corpus)');
  else console.log(`cached re-scan: ${m.cached.wall.toFixed(2)} s whole process (${m.cached.cacheHits} hits; target < ${TARGETS.cachedRescanSeconds} s)`);
  for (const [lang, x] of Object.entries(m.single)) console.log(`single-file CLI, ${lang}: ${x.seconds.toFixed(2)} s (${x.file}; target < ${TARGETS.singleFileSeconds} s)`);
  for (const [lang, e] of Object.entries(m.editor)) {
    if (e.error) console.log(`editor, ${lang}: failed: ${e.error}`);
    else console.log(`editor, ${lang} (${e.file}, ${e.lines} lines): open ${e.openMs} ms (target < ${TARGETS.openMs}), edit->diagnostics p50 ${e.editP50} / p95 ${e.editP95} ms, compute p50 ${e.computeP50} / p95 ${e.computeP95} ms (target < ${TARGETS.editP95ComputeMs}; debounce ${e.debounceAssumed} ms apart)`);
  }
}

ensureBuilt();
const sources = ensureRealSources();
const cpus = os.availableParallelism?.() ?? os.cpus().length;
console.error(`bench: ${cpus} CPUs; node ${process.version}; sources: ${sources.map((s) => `${s.source} (${s.files})`).join(', ')}`);

if (CHECK_BUDGET) {
  let best = null;
  // a share is a ratio inside one run, but a loaded machine still moves it: a run over budget is
  // repeated (up to five runs) and the first one within budget counts
  for (let i = 0; i < 5; i++) {
    const b = budget(realDir);
    if (!best || b.allShare < best.allShare) best = b;
    if (b.ok) {
      best = b;
      break;
    }
  }
  printBudget(best);
  if (!best.ok) {
    console.log(`rule budget BROKEN: ${best.allShare > BUDGET.allRules ? 'all rules cost more than parsing' : `${best.worst[0]} costs ${(best.worst[1] * 100).toFixed(1)}% of parsing`}`);
    process.exit(1);
  }
  console.log('rule budget ok');
  process.exit(0);
}

const results = { date: new Date().toISOString(), machine: { cpus, model: os.cpus()[0]?.model, node: process.version }, targets: TARGETS, budget: BUDGET, sets: [] };
const sets = [['bench sources (real code)', realDir]];
if (extraCorpus) sets.push(['corpus', path.resolve(extraCorpus)]);
for (const [name, dir] of sets) {
  const m = measure(name, dir);
  results.sets.push(m);
  report(m);
}
fs.writeFileSync(path.join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');
console.log('\nresults in bench/results.json');
