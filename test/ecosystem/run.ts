/**
 * Ecosystem check (after Ruff's): `shipguard fix --unsafe-fixes` over real code
 * that installs offline, then
 *   - every changed file still parses (python3 -m py_compile; the TypeScript
 *     parser: no syntax error the original did not have),
 *   - a second run changes nothing,
 *   - no changed line lies outside the lines the offered fixes edit,
 *   - the findings per rule and source equal the committed summary
 *     (test/ecosystem/summary.json); a change prints the difference, and
 *     `npm run test:ecosystem -- --update` records it as a reviewed decision.
 * Sources: the Python of Debian's python3-django, -djangorestframework,
 * -celery, -flask (installed here when missing, as root), and the JS/TS of
 * several npm packages in node_modules, each copied to a temporary folder.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { structuredPatch } from 'diff';
import { ts } from 'ts-morph';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'shipguard.js');
const SUMMARY = path.join(__dirname, 'summary.json');
const update = process.argv.includes('--update');
const DIST = '/usr/lib/python3/dist-packages';

const SOURCES: Array<{ name: string; from: string; apt?: string }> = [
  { name: 'django', from: path.join(DIST, 'django'), apt: 'python3-django' },
  { name: 'rest_framework', from: path.join(DIST, 'rest_framework'), apt: 'python3-djangorestframework' },
  { name: 'celery', from: path.join(DIST, 'celery'), apt: 'python3-celery' },
  { name: 'flask', from: path.join(DIST, 'flask'), apt: 'python3-flask' },
  { name: 'jscodeshift', from: path.join(ROOT, 'node_modules', 'jscodeshift', 'src') },
  { name: 'recast', from: path.join(ROOT, 'node_modules', 'recast', 'lib') },
  { name: 'vscode-languageserver', from: path.join(ROOT, 'node_modules', 'vscode-languageserver', 'lib') },
  { name: 'mocha', from: path.join(ROOT, 'node_modules', 'mocha', 'lib') },
  { name: 'diff', from: path.join(ROOT, 'node_modules', 'diff', 'libesm') },
  { name: 'vsce', from: path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'out') },
];

interface JsonFinding {
  file: string;
  rule: string;
  fixes: Array<{ applicability: string; edits: Array<{ start: { line: number }; end: { line: number } }> }>;
}

function run(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ensureDebianPackages(): void {
  const missing = SOURCES.filter((s) => s.apt && !fs.existsSync(s.from)).map((s) => s.apt!);
  if (!missing.length) return;
  if (process.getuid?.() !== 0) throw new Error(`ecosystem: missing ${missing.join(' ')} (apt-get install -y ${missing.join(' ')}, or run as root)`);
  console.log(`ecosystem: installing ${missing.join(' ')}`);
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) throw new Error('ecosystem: apt-get install failed');
}

function copyTree(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true, dereference: true, filter: (src) => !/(^|\/)(node_modules|__pycache__)(\/|$)/.test(path.relative(from, src)) && !src.endsWith('.map') });
}

function jsSyntaxErrors(file: string, text: string): number {
  const kind = /\.tsx$/.test(file) ? ts.ScriptKind.TSX : /\.jsx?$|\.[cm]js$/.test(file) ? ts.ScriptKind.JSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
  return (sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const todo = [dir];
  while (todo.length) {
    const d = todo.pop()!;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) todo.push(p);
      else if (/\.(py|[cm]?[jt]sx?)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
    }
  }
  return out.sort();
}

function main(): number {
  if (!fs.existsSync(path.join(ROOT, 'server', 'out', 'cli.js'))) throw new Error('build first: npm run build');
  ensureDebianPackages();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'shipguard-ecosystem-'));
  const problems: string[] = [];
  // checks: per source "runs" (scan and fix exit 0 or 1), "parses", "ranges", "idempotent"; then "summary"
  const checks = new Set<string>();
  const failed = new Set<string>();
  const fail = (check: string, message: string) => {
    failed.add(check);
    problems.push(message);
  };
  const summary: Record<string, Record<string, number>> = {};
  let changedFiles = 0;
  let totalFiles = 0;
  try {
    for (const src of SOURCES) {
      if (!fs.existsSync(src.from)) {
        fail(`${src.name}:runs`, `${src.name}: ${src.from} is missing`);
        continue;
      }
      for (const c of ['runs', 'parses', 'ranges', 'idempotent']) checks.add(`${src.name}:${c}`);
      const dir = path.join(work, src.name);
      copyTree(src.from, dir);
      fs.writeFileSync(path.join(dir, '.shipguard.json'), '{}\n');
      const files = listFiles(dir);
      totalFiles += files.length;
      const original = new Map(files.map((f) => [f, fs.readFileSync(f, 'utf8')]));
      const scan = run(dir, ['scan', '.', '--format', 'json', '--no-cache', '--no-progress']);
      if (scan.status === 2) fail(`${src.name}:runs`, `${src.name}: scan exited 2:\n${scan.stderr.slice(0, 2000)}`);
      const findings = (JSON.parse(scan.stdout) as { findings: JsonFinding[] }).findings;
      const perRule: Record<string, number> = {};
      for (const f of findings) perRule[f.rule] = (perRule[f.rule] ?? 0) + 1;
      summary[src.name] = Object.fromEntries(Object.entries(perRule).sort());
      // the lines each file's offered fixes may touch (1-based, inclusive)
      const allowed = new Map<string, Array<[number, number]>>();
      for (const f of findings) {
        const abs = path.join(dir, f.file);
        for (const fix of f.fixes) for (const e of fix.edits) (allowed.get(abs) ?? allowed.set(abs, []).get(abs)!).push([e.start.line, e.end.line]);
      }
      const first = run(dir, ['fix', '.', '--unsafe-fixes', '--no-cache', '--no-progress']);
      if (first.status === 2) fail(`${src.name}:runs`, `${src.name}: fix exited 2:\n${first.stderr.slice(0, 2000)}`);
      const changed = files.filter((f) => fs.readFileSync(f, 'utf8') !== original.get(f));
      changedFiles += changed.length;
      const py = changed.filter((f) => f.endsWith('.py'));
      if (py.length) {
        const r = spawnSync('python3', ['-m', 'py_compile', ...py], { encoding: 'utf8' });
        if (r.status !== 0) fail(`${src.name}:parses`, `${src.name}: fixed Python does not compile:\n${r.stderr.slice(0, 2000)}`);
      }
      for (const f of changed) {
        const rel = path.relative(work, f);
        const before = original.get(f)!;
        const after = fs.readFileSync(f, 'utf8');
        if (!f.endsWith('.py') && jsSyntaxErrors(f, after) > jsSyntaxErrors(f, before)) fail(`${src.name}:parses`, `${rel}: the fixed file has new syntax errors`);
        const ranges = allowed.get(f) ?? [];
        for (const h of structuredPatch('a', 'b', before, after, '', '', { context: 0 }).hunks) {
          const lo = h.oldStart;
          const hi = h.oldStart + Math.max(h.oldLines, 1) - 1;
          // an insertion after line n has oldStart n (oldLines 0): touching the line below a fixed range is still inside
          if (!ranges.some(([s, e]) => lo <= e + 1 && hi >= s - 1)) fail(`${src.name}:ranges`, `${rel}: lines ${lo}-${hi} changed outside every offered fix`);
        }
      }
      const snapshot = new Map(changed.map((f) => [f, fs.readFileSync(f, 'utf8')]));
      const second = run(dir, ['fix', '.', '--unsafe-fixes', '--no-cache', '--no-progress']);
      const moved = files.filter((f) => fs.readFileSync(f, 'utf8') !== (snapshot.get(f) ?? original.get(f)));
      if (moved.length) fail(`${src.name}:idempotent`, `${src.name}: a second fix run changed ${moved.length} more file(s): ${moved.slice(0, 5).map((f) => path.relative(work, f)).join(', ')}\n${second.stdout.split('\n').slice(-2).join('\n')}`);
      console.log(`${src.name}: ${files.length} files, ${findings.length} findings, ${changed.length} files fixed (${first.stdout.trim().split('\n').pop()})`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  checks.add('summary');
  const committed = fs.existsSync(SUMMARY) ? (JSON.parse(fs.readFileSync(SUMMARY, 'utf8')) as typeof summary) : {};
  const diff: string[] = [];
  for (const name of new Set([...Object.keys(committed), ...Object.keys(summary)])) {
    const a = committed[name] ?? {};
    const b = summary[name] ?? {};
    for (const rule of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if ((a[rule] ?? 0) !== (b[rule] ?? 0)) diff.push(`  ${name} ${rule}: ${a[rule] ?? 0} -> ${b[rule] ?? 0}`);
    }
  }
  if (update) {
    fs.writeFileSync(SUMMARY, `${JSON.stringify(summary, null, 2)}\n`);
    console.log(diff.length ? `summary updated:\n${diff.join('\n')}` : 'summary unchanged');
  } else if (diff.length) {
    fail('summary', `findings per rule differ from test/ecosystem/summary.json (review, then \`npm run test:ecosystem -- --update\`):\n${diff.join('\n')}`);
  }
  for (const p of problems) console.error(`FAILED: ${p}`);
  console.log(`ecosystem: ${totalFiles} files, ${changedFiles} fixed; ${problems.length ? `${problems.length} problem(s)` : 'every check held'}`);
  console.log(`${checks.size - failed.size} passed, ${failed.size} failed`);
  return problems.length ? 1 : 0;
}

process.exitCode = main();
