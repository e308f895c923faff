// The shipguard benchmark: `npm run bench` (node bench/run.mjs [--lines N] [--repeat R] [--skip-build] [--timing]).
//
// 1. Builds the bundles when a source is newer than server/out/cli.js.
// 2. Generates (deterministically) a mixed Python + TypeScript corpus into the
//    git-ignored bench/corpus/ (about 800k lines by default).
// 3. Measures with the real CLI bundle, each run a fresh process:
//    - parse only, one thread, Python (web-tree-sitter) and TS (createSourceFile), cold and warm;
//    - full scan with every rule, --jobs 1 and --jobs 2, no cache;
//    - re-scan of the unchanged corpus from the cache (wall clock of the whole process);
//    - peak RSS of each run (the process including its worker threads);
//    - with --timing, one more scan that reports the time spent per rule and per parser.
// 4. Prints a table and writes bench/results.json. Targets are DESIGN.md's.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './corpus.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const cliBin = path.join(repo, 'bin', 'shipguard.js');
const cliBundle = path.join(repo, 'server', 'out', 'cli.js');
const corpusDir = path.join(here, 'corpus');

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const LINES = Number(opt('--lines', '800000'));
const REPEAT = Math.max(1, Number(opt('--repeat', '1')));
const SEED = Number(opt('--seed', '20240917'));

const TARGETS = {
  scanLinesPerSecond2Cores: 300_000,
  cachedRescanSeconds: 1,
  pythonParseLinesPerSecond: 170_000,
  tsParseColdLinesPerSecond: 230_000,
  serverMemoryMb: 200,
};

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

function ensureCorpus() {
  const metaFile = path.join(corpusDir, '.corpus.json');
  if (fs.existsSync(metaFile)) {
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
    if (meta.requestedLines === LINES && meta.seed === SEED) return meta;
  }
  console.error(`bench: generating a ${LINES}-line corpus in ${path.relative(process.cwd(), corpusDir)}/ ...`);
  return generateCorpus({ lines: LINES, out: corpusDir, seed: SEED });
}

/** Runs the CLI in the corpus; returns wall seconds, exit code and the --stats JSON (last stderr line). */
function cli(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cliBin, ...args], { cwd: corpusDir, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
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
  if (!stats && args.includes('--stats')) throw new Error(`shipguard ${args.join(' ')}: no --stats line on stderr:\n${r.stderr}`);
  return { wall, status: r.status, stdout: r.stdout, stats };
}

function best(runs, key) {
  return runs.reduce((a, b) => (b[key] < a[key] ? b : a));
}

function clearCache() {
  fs.rmSync(path.join(corpusDir, '.shipguard-cache'), { recursive: true, force: true });
}

ensureBuilt();
const meta = ensureCorpus();
const cpus = os.availableParallelism?.() ?? os.cpus().length;
console.error(`bench: ${meta.lines} lines in ${meta.files} files; ${cpus} CPUs; node ${process.version}`);

// parse only, one thread
const parseRuns = [];
for (let i = 0; i < REPEAT; i++) parseRuns.push(JSON.parse(cli(['debug-parse', '.']).stdout));
const parse = {
  python: best(parseRuns.map((r) => r.python), 'coldMs'),
  typescript: best(parseRuns.map((r) => r.typescript), 'coldMs'),
};

function scanRuns(jobs) {
  const runs = [];
  for (let i = 0; i < REPEAT; i++) {
    const r = cli(['scan', '.', '--format', 'json', '--no-cache', '--no-progress', '--stats', '--jobs', String(jobs)]);
    runs.push({ ...r.stats, wall: r.wall, findings: JSON.parse(r.stdout).summary.findings });
  }
  return best(runs, 'seconds');
}
const scan1 = scanRuns(1);
const scan2 = scanRuns(2);
if (scan1.findings !== scan2.findings) console.error(`bench: WARNING --jobs 1 found ${scan1.findings} findings, --jobs 2 found ${scan2.findings}`);

// where the time goes (optional: one more full scan)
let ruleTiming = null;
if (argv.includes('--timing')) {
  const r = cli(['scan', '.', '--format', 'json', '--no-progress', '--stats', '--timing', '--jobs', '2']);
  ruleTiming = r.stats?.timing ?? null;
}

// cache: one run fills it, the next reads it
clearCache();
const fill = cli(['scan', '.', '--format', 'json', '--no-progress', '--stats']);
const cachedRuns = [];
for (let i = 0; i < Math.max(REPEAT, 2); i++) {
  const r = cli(['scan', '.', '--format', 'json', '--no-progress', '--stats']);
  cachedRuns.push({ ...r.stats, wall: r.wall });
}
const cached = best(cachedRuns, 'wall');
clearCache();

const results = {
  date: new Date().toISOString(),
  machine: { cpus, model: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.arch()}` },
  corpus: meta,
  parse,
  scan: {
    jobs1: { seconds: scan1.seconds, wall: Number(scan1.wall.toFixed(3)), lines: scan1.lines, linesPerSecond: scan1.linesPerSecond, maxRssMb: scan1.maxRssMb, findings: scan1.findings },
    jobs2: { seconds: scan2.seconds, wall: Number(scan2.wall.toFixed(3)), lines: scan2.lines, linesPerSecond: scan2.linesPerSecond, maxRssMb: scan2.maxRssMb, workers: scan2.workers, findings: scan2.findings },
  },
  ruleTiming,
  cache: { fillWall: Number(fill.wall.toFixed(3)), rescanWall: Number(cached.wall.toFixed(3)), rescanScanSeconds: cached.seconds, cacheHits: cached.cacheHits, maxRssMb: cached.maxRssMb },
  targets: TARGETS,
};
fs.writeFileSync(path.join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const check = (ok) => (ok ? 'ok' : 'BELOW TARGET');
const rows = [
  ['measure', 'result', 'target', ''],
  ['Python parse, 1 thread (cold)', `${fmt(parse.python.coldLinesPerSecond)} lines/s`, `${fmt(TARGETS.pythonParseLinesPerSecond)}`, check(parse.python.coldLinesPerSecond >= TARGETS.pythonParseLinesPerSecond)],
  ['Python parse, 1 thread (warm)', `${fmt(parse.python.warmLinesPerSecond)} lines/s`, '', ''],
  ['TS parse, 1 thread (cold)', `${fmt(parse.typescript.coldLinesPerSecond)} lines/s`, `${fmt(TARGETS.tsParseColdLinesPerSecond)}`, check(parse.typescript.coldLinesPerSecond >= TARGETS.tsParseColdLinesPerSecond)],
  ['TS parse, 1 thread (warm)', `${fmt(parse.typescript.warmLinesPerSecond)} lines/s`, '', ''],
  ['full scan, all rules, --jobs 1', `${fmt(scan1.linesPerSecond)} lines/s (${scan1.seconds.toFixed(2)} s)`, '', ''],
  ['full scan, all rules, --jobs 2', `${fmt(scan2.linesPerSecond)} lines/s (${scan2.seconds.toFixed(2)} s)`, `${fmt(TARGETS.scanLinesPerSecond2Cores)}`, check(scan2.linesPerSecond >= TARGETS.scanLinesPerSecond2Cores)],
  ['cached re-scan (whole process)', `${cached.wall.toFixed(2)} s (${cached.cacheHits} cache hits)`, `< ${TARGETS.cachedRescanSeconds} s`, check(cached.wall < TARGETS.cachedRescanSeconds)],
  ['peak RSS, --jobs 1 / --jobs 2', `${scan1.maxRssMb} MB / ${scan2.maxRssMb} MB`, '', ''],
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
if (ruleTiming) {
  const total = Object.values(ruleTiming).reduce((a, b) => a + b, 0);
  console.log('\ntime per rule and parser (summed over threads):');
  for (const [k, v] of Object.entries(ruleTiming).sort((a, b) => b[1] - a[1])) console.log(`  ${k.padEnd(36)} ${String(v).padStart(8)} ms  ${((v / total) * 100).toFixed(1).padStart(5)}%`);
}
console.log(`\n${fmt(meta.lines)} lines (${meta.perLang.python.files} Python, ${meta.perLang.typescript.files} TS files), ${scan2.findings} findings; results in bench/results.json`);
