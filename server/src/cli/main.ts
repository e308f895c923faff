/**
 * The `shipguard` command (bundled to server/out/cli.js, started by
 * bin/shipguard.js). Exit status: 0 no findings, 1 findings, 2 usage or
 * internal error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { createHash } from 'node:crypto';
import pkg from '../../../package.json';
import { parseCli, HELP, UsageError, type CliArgs } from './args';
import { formatGithub, formatJson, formatSarif, formatText, displayPath, plural, textLine, type ReportContext } from './output';
import { applyBaseline, makeBaseline, readBaseline, DEFAULT_BASELINE } from './baseline';
import { RULES } from '../rules';
import { RuleRegistry } from '../engine/registry';
import { loadConfig, type ResolvedConfig } from '../engine/config';
import { decodeSource, looksMinified } from '../engine/files';
import { fixFile, mergeFileEdits, needsInputReason, UnanalysableInput } from '../engine/lint';
import { applyEdits } from '../text/edits';
import { unifiedDiff } from '../text/diff';
import type { FileEdits } from '../engine/types';
import { LineIndex } from '../text/positions';
import { countSyntaxErrors, initPython, parsePythonTree } from '../lang/python/parser';
import { cacheKey, defaultCacheDir } from '../engine/cache';
import { discoverFiles, findWorkspaceRoot } from '../engine/discovery';
import { reportFindings, type FileReport } from '../engine/report';
import { scanWorkspace } from '../engine/workspace';
import { writeFileAtomic } from '../engine/atomic';
import { renderRuleMarkdown, summary, fixLine } from '../docs/render';
import { CHECKS } from '../checks';
import { buildReport, projectContext, runChecks } from '../report/build';
import { renderReport, type ReportFormat } from '../report/render';

export const VERSION: string = pkg.version;

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const processIo = (): Io => ({
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdoutIsTTY: !!process.stdout.isTTY,
  stderrIsTTY: !!process.stderr.isTTY,
  env: process.env,
  cwd: process.cwd(),
});

class Exit extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

export async function run(argv: readonly string[], io: Io = processIo()): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCli(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`shipguard: ${e.message}\nRun \`shipguard --help\` for usage.\n`);
      return 2;
    }
    throw e;
  }
  if (args.version) {
    io.stdout(`shipguard ${VERSION}\n`);
    return 0;
  }
  if (args.help || !args.command) {
    (args.help ? io.stdout : io.stderr)(HELP);
    return args.help ? 0 : 2;
  }
  const registry = new RuleRegistry(RULES);
  try {
    for (const id of args.rules) {
      if (!registry.get(id)) {
        const close = registry.suggest(id);
        throw new Exit(2, `unknown rule \`${id}\`${close.length ? `; did you mean ${close.map((c) => `\`${c}\``).join(', ')}?` : ''} (\`shipguard rules\` lists them)`);
      }
    }
    switch (args.command) {
      case 'scan':
        return await scan(args, io, registry);
      case 'report':
        return await report(args, io, registry);
      case 'baseline':
        return await baseline(args, io);
      case 'fix':
        return await fix(args, io);
      case 'rules':
        return listRules(args, io, registry);
      case 'explain':
        return explain(args, io, registry);
      case 'lsp':
        return await lsp();
      case 'debug-parse':
        return await debugParse(args, io);
    }
  } catch (e) {
    if (e instanceof Exit) {
      io.stderr(`shipguard: ${e.message}\n`);
      return e.code;
    }
    io.stderr(`shipguard: internal error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
  return 2;
}

// ---------------------------------------------------------------------------

interface Workspace {
  root: string;
  config: ResolvedConfig;
  files: string[];
  /** The paths given (real paths): `fix` writes nowhere else. */
  roots: string[];
  /** Paths and files that could not be analysed; any makes the run end with status 2. */
  problems: number;
}

function openWorkspace(args: CliArgs, io: Io): Workspace {
  const first = args.positionals.find((p) => fs.existsSync(path.resolve(io.cwd, p)));
  const root = findWorkspaceRoot(path.resolve(io.cwd, first ?? '.'));
  const config = loadConfig(root, { ruleIds: new RuleRegistry(RULES).all().map((r) => r.id) });
  if (config.errors.length) {
    for (const p of config.errors) io.stderr(`shipguard: ${p}\n`);
    throw new Exit(2, `the configuration has ${plural(config.errors.length, 'error')}; fix ${config.errors.length === 1 ? 'it' : 'them'} or remove the file`);
  }
  for (const p of config.problems) io.stderr(`shipguard: config: ${p}\n`);
  const inputs = args.positionals.map((p) => path.resolve(io.cwd, p));
  const found = discoverFiles(inputs, { root, config, forceExclude: args.forceExclude });
  const shown = (p: string) => displayPath(io.cwd, path.resolve(io.cwd, p));
  for (const m of found.missing) io.stderr(`shipguard: ${shown(m)}: no such file or directory\n`);
  for (const u of found.unreadable) io.stderr(`shipguard: ${shown(u.path)}: cannot read (${u.code})\n`);
  for (const u of found.unsupported) io.stderr(`shipguard: ${shown(u)}: not a Python or JavaScript/TypeScript file; skipped\n`);
  for (const l of found.brokenLinks) io.stderr(`shipguard: ${shown(l)}: broken symbolic link; skipped\n`);
  for (const r of found.refusedPatterns) io.stderr(`shipguard: ${shown(r.file)}: pattern "${r.pattern.slice(0, 80)}" ${r.why}; not used\n`);
  if ((found.missing.length || found.unreadable.length) && !found.files.length) throw new Exit(2, 'nothing to scan');
  const roots = (inputs.length ? inputs : [path.resolve(io.cwd)]).flatMap((p) => {
    try {
      return [fs.realpathSync(p)];
    } catch {
      return [];
    }
  });
  return { root, config, files: found.files, roots, problems: found.missing.length + found.unreadable.length };
}

/** Severity order for --fail-level: a finding fails the run when it is at least this severe. */
const SEVERITY_RANK: Record<string, number> = { hint: 0, info: 1, warning: 2, error: 3 };

/** Does this finding fail the run at the chosen --fail-level? */
function failsBuild(f: { severity: string }, args: CliArgs): boolean {
  return SEVERITY_RANK[f.severity] >= SEVERITY_RANK[args.failLevel];
}

/** The closing line for files that could not be analysed (status 2), or nothing. */
function problemSummary(io: Io, problems: number, what: string): void {
  if (problems) io.stderr(`shipguard: ${plural(problems, 'path')} could not be ${what} (see above); exit status 2\n`);
}

function progressReporter(args: CliArgs, io: Io): { update: (done: number, total: number) => void; end: () => void } {
  if (!args.progress || !io.stderrIsTTY) return { update: () => undefined, end: () => undefined };
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (done < total && now - last < 100) return;
      last = now;
      shown = true;
      io.stderr(`\r\x1b[Kscanning ${done}/${total} files (${total ? Math.floor((done / total) * 100) : 100}%)`);
    },
    end() {
      if (shown) io.stderr('\r\x1b[K');
    },
  };
}

/** JSON and SARIF carry each finding's fixes, the readiness report whether one exists and is safe. */
function wantsFixes(args: CliArgs): boolean {
  return args.command === 'report' || args.format === 'json' || args.format === 'sarif';
}

/** What, besides file contents, changes results: this build, the rule set and the config. */
function scanCacheKey(args: CliArgs, config: ResolvedConfig, cacheDir: string): string {
  const stamp = [__filename, path.join(__dirname, 'worker.js')].map((f) => contentStamp(f, cacheDir));
  const { source: _source, problems: _problems, errors: _errors, ...cfg } = config;
  return cacheKey([VERSION, stamp, RULES.map((r) => r.id), [...args.rules].sort(), cfg, wantsFixes(args)]);
}

/**
 * A hash of a bundle's bytes, so a rebuild from the same sources keeps the
 * cache; memoised by size and mtime in the cache directory, so only a new
 * build pays for hashing.
 */
function contentStamp(file: string, cacheDir: string): string | null {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return null;
  }
  const memoFile = path.join(cacheDir, 'bundle-hashes.json');
  const id = `${path.basename(file)}:${st.size}:${st.mtimeMs}`;
  let memo: Record<string, string> = {};
  try {
    memo = JSON.parse(fs.readFileSync(memoFile, 'utf8')) as Record<string, string>;
  } catch {
    memo = {};
  }
  if (memo[id]) return memo[id];
  const hash = createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 16);
  try {
    for (const k of Object.keys(memo)) if (k.startsWith(`${path.basename(file)}:`)) delete memo[k];
    memo[id] = hash;
    fs.mkdirSync(cacheDir, { recursive: true });
    writeFileAtomic(memoFile, JSON.stringify(memo));
  } catch {
    // hashing again next time only costs time
  }
  return hash;
}

async function scanReports(args: CliArgs, io: Io, ws: Workspace): Promise<{ reports: FileReport[]; seconds: number; stats: Record<string, unknown>; problems: number }> {
  const progress = progressReporter(args, io);
  const t0 = performance.now();
  const res = await scanWorkspace(ws.files, {
    rules: RULES,
    config: ws.config,
    only: args.rules.length ? args.rules : undefined,
    // a worker per core at most: more only add memory (each holds its own parsers and caches)
    jobs: args.jobs !== undefined ? Math.min(args.jobs, os.availableParallelism?.() ?? os.cpus().length) : undefined,
    forceWorkers: args.jobs !== undefined,
    // JSON and SARIF carry each finding's fixes; text and annotations do not need them
    computeFixes: wantsFixes(args),
    // from sources (tsx) nothing tells a rule edit apart, so only the bundled CLI caches
    timing: args.timing,
    cache: args.cache && !args.timing && __filename.endsWith('.js') ? { dir: defaultCacheDir(ws.root), key: scanCacheKey(args, ws.config, defaultCacheDir(ws.root)) } : null,
    onProgress: progress.update,
    log: (m) => io.stderr(`shipguard: ${m}\n`),
  });
  progress.end();
  const seconds = (performance.now() - t0) / 1000;
  let problems = 0;
  for (const r of res.reports) {
    if (r.failed || r.failedRules.length) problems++;
    if (r.skipped) io.stderr(`shipguard: ${displayPath(io.cwd, r.path)}: ${r.skipped}\n`);
    else if (r.warning) io.stderr(`shipguard: ${displayPath(io.cwd, r.path)}: ${r.warning}\n`);
    for (const id of r.failedRules) io.stderr(`shipguard: rule ${id} failed on ${displayPath(io.cwd, r.path)}; its findings there were dropped${args.verbose ? '' : ' (--verbose for details)'}\n`);
    if (args.verbose) for (const l of r.logs) io.stderr(`shipguard: ${l}\n`);
  }
  const lines = res.reports.reduce((s, r) => s + r.lines, 0);
  const stats = {
    files: res.reports.length,
    lines,
    bytes: res.reports.reduce((s, r) => s + r.bytes, 0),
    seconds: Number(seconds.toFixed(4)),
    linesPerSecond: Math.round(lines / Math.max(seconds, 1e-6)),
    workers: res.workers,
    cacheHits: res.cacheHits,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    // user + system CPU of the whole process, worker threads included: less noisy than wall time on a shared machine
    cpuSeconds: Number(((process.cpuUsage().user + process.cpuUsage().system) / 1e6).toFixed(3)),
    timing: res.timing ? Object.fromEntries(Object.entries(res.timing).map(([k, v]) => [k, Math.round(v)])) : undefined,
  };
  if (res.timing) io.stderr(formatTiming(res.timing));
  return { reports: res.reports, seconds, stats, problems };
}

/** Per-rule time, slowest first (summed over threads, so it can exceed the wall time). */
function formatTiming(timing: Record<string, number>): string {
  const rows = Object.entries(timing).sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((s, [, v]) => s + v, 0);
  const width = Math.max(4, ...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(width)}  ${v.toFixed(0).padStart(8)} ms  ${((v / Math.max(total, 1e-9)) * 100).toFixed(1).padStart(5)}%`);
  return `${'rule'.padEnd(width)}  ${'time'.padStart(11)}  share\n${lines.join('\n')}\n`;
}

function writeOutput(args: CliArgs, io: Io, text: string): void {
  if (args.output) {
    const target = path.resolve(io.cwd, args.output);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    writeFileAtomic(target, text);
  } else io.stdout(text);
}

async function scan(args: CliArgs, io: Io, registry: RuleRegistry): Promise<number> {
  const ws = openWorkspace(args, io);
  const baselineFile = args.baseline ? readBaselineOrExit(path.resolve(io.cwd, args.baseline)) : null;
  const { reports, seconds, stats, problems } = await scanReports(args, io, ws);
  const baselinedByFile = baselineFile ? applyBaseline(reports, baselineFile, ws.root) : new Map();
  const baselined = [...baselinedByFile.values()].reduce((s, l) => s + l.length, 0);
  const ctx: ReportContext = {
    cwd: io.cwd,
    root: ws.root,
    version: VERSION,
    rules: args.rules.length ? args.rules.map((id) => registry.get(id)!) : registry.all(),
    config: ws.config,
    scanned: reports.filter((r) => !r.skipped).length,
    seconds,
    baselined,
    baseline: baselineFile ? { file: displayPath(io.cwd, path.resolve(io.cwd, args.baseline!)), findings: baselinedByFile } : undefined,
  };
  const color = !args.output && io.stdoutIsTTY && !io.env.NO_COLOR;
  const text =
    args.format === 'json'
      ? formatJson(reports, ctx)
      : args.format === 'sarif'
        ? formatSarif(reports, ctx)
        : args.format === 'github'
          ? formatGithub(reports, ctx)
          : formatText(reports, ctx, color);
  writeOutput(args, io, text);
  if (args.stats) io.stderr(`${JSON.stringify(stats)}\n`);
  problemSummary(io, ws.problems + problems, 'analysed');
  if (ws.problems + problems) return 2;
  return reports.some((r) => r.findings.some((f) => failsBuild(f, args))) ? 1 : 0;
}

/**
 * `shipguard report`: the scan (same discovery, config, rule filter, baseline and exit status as
 * `scan`), then the project-level checks over the discovered files, rendered by `report/`.
 */
async function report(args: CliArgs, io: Io, registry: RuleRegistry): Promise<number> {
  const ws = openWorkspace(args, io);
  const baselineFile = args.baseline ? readBaselineOrExit(path.resolve(io.cwd, args.baseline)) : null;
  const { reports, problems } = await scanReports(args, io, ws);
  const baselinedByFile = baselineFile ? applyBaseline(reports, baselineFile, ws.root) : new Map();
  const baselined = [...baselinedByFile.values()].reduce((s, l) => s + l.length, 0);
  // the checks see every file the same discovery keeps (manifests and config too), not only source files
  const projectFiles = discoverFiles(args.positionals.map((p) => path.resolve(io.cwd, p)), { root: ws.root, config: ws.config, forceExclude: args.forceExclude, anyFile: true }).files;
  // the Django and endpoint readers parse Python, whether or not the scan parsed any in this thread
  await initPython();
  const project = runChecks(CHECKS, projectContext(ws.root, projectFiles, ws.config.maxFileSize), (m) => io.stderr(`shipguard: ${args.verbose ? m : `${m.split('\n')[0]} (--verbose for details)`}\n`));
  const data = buildReport({ version: VERSION, root: ws.root, reports, rules: registry.all(), project, baselined });
  writeOutput(args, io, renderReport(data, args.format as ReportFormat));
  problemSummary(io, ws.problems + problems + project.failed.length, 'analysed');
  if (ws.problems + problems + project.failed.length) return 2;
  return reports.some((r) => r.findings.some((f) => failsBuild(f, args))) || data.projectFindings.length ? 1 : 0;
}

function readBaselineOrExit(file: string) {
  try {
    return readBaseline(file);
  } catch (e) {
    throw new Exit(2, (e as Error).message);
  }
}

async function baseline(args: CliArgs, io: Io): Promise<number> {
  const ws = openWorkspace(args, io);
  const { reports } = await scanReports(args, io, ws);
  const data = makeBaseline(reports, ws.root);
  const target = args.output ? path.resolve(io.cwd, args.output) : path.join(ws.root, DEFAULT_BASELINE);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  writeFileAtomic(target, JSON.stringify(data, null, 2) + '\n');
  io.stderr(`Wrote ${plural(data.findings.length, 'finding')} to ${displayPath(io.cwd, target)}; \`shipguard scan --baseline ${displayPath(io.cwd, target)}\` now reports only new ones.\n`);
  return 0;
}

// ---------------------------------------------------------------------------

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Is `file` (a real path) one of `roots` or inside one of them? */
function insideRoots(file: string, roots: readonly string[]): boolean {
  return roots.some((r) => {
    const rel = path.relative(r, file);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  });
}

async function fix(args: CliArgs, io: Io): Promise<number> {
  const ws = openWorkspace(args, io);
  await initPython();
  const only = args.rules.length ? args.rules : undefined;
  const unsafe = args.unsafeFixes || ws.config.unsafeFixes;
  let fixed = 0;
  let fixedFiles = 0;
  // edits fixes make to other files (a settings module, package.json), applied after every file is fixed
  const otherFiles: FileEdits[] = [];
  let remaining = 0;
  let failing = 0;
  let unsafeAvailable = 0;
  let problems = ws.problems;
  const remainingLines: string[] = [];
  // findings whose fix needs a value only a human can give: never written, listed by reason
  const needsInput = new Map<string, string[]>();
  const problem = (file: string, what: string) => {
    problems++;
    io.stderr(`shipguard: ${displayPath(io.cwd, file)}: ${what}\n`);
  };
  // a fix is only ever offered at a finding: a parallel, cached scan first narrows the files to fix
  const { reports } = await scanReports({ ...args, stats: false, timing: false, verbose: false }, { ...io, stderr: () => undefined }, ws);
  const candidates = reports.filter((r) => r.findings.length || r.skipped || r.warning).map((r) => r.path);
  const progress = progressReporter(args, io);
  // one file reached through several names (a symlink beside its target) is fixed once, through its real path
  const seen = new Set<string>();
  let done = 0;
  for (const file of candidates) {
    progress.update(done++, candidates.length);
    let real: string;
    try {
      real = fs.realpathSync(file);
    } catch (e) {
      problem(file, `cannot read (${(e as NodeJS.ErrnoException).code})`);
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(real);
    } catch (e) {
      problem(file, `cannot read (${(e as NodeJS.ErrnoException).code})`);
      continue;
    }
    const decoded = decodeSource(file, bytes, ws.config.maxFileSize);
    if (!decoded.ok) {
      io.stderr(`shipguard: ${displayPath(io.cwd, file)}: ${decoded.reason}\n`);
      continue;
    }
    if (decoded.warning) {
      io.stderr(`shipguard: ${displayPath(io.cwd, file)}: not valid UTF-8; refusing to fix it\n`);
      continue;
    }
    if (looksMinified(decoded.file.text)) {
      io.stderr(`shipguard: ${displayPath(io.cwd, file)}: skipped: looks minified or generated\n`);
      continue;
    }
    const logs: string[] = [];
    let res: ReturnType<typeof fixFile>;
    try {
      res = fixFile(decoded.file, { rules: RULES, config: ws.config, only, unsafe, log: (m) => logs.push(m) });
    } catch (e) {
      // one file's failure is that file's: report it and go on with the others
      problem(file, e instanceof UnanalysableInput ? (e as Error).message : `internal error while fixing: ${(e as Error).message}${args.verbose ? `\n${(e as Error).stack}` : ' (--verbose for details)'}`);
      continue;
    }
    if (args.verbose) {
      for (const l of logs) io.stderr(`shipguard: ${l}\n`);
      io.stderr(`shipguard: ${displayPath(io.cwd, file)}: ${plural(res.applied, 'fix')} applied in ${plural(res.passes, 'pass')}, ${res.analyses} ${res.analyses === 1 ? 'analysis' : 'analyses'} of the file\n`);
    }
    const lines = new LineIndex(res.text);
    for (const f of reportFindings(res.text, lines, res.remaining)) remainingLines.push(textLine(io.cwd, file, f, false));
    remaining += res.remaining.length;
    for (const f of res.needsInput) {
      const reason = needsInputReason(f)!;
      needsInput.set(reason, [...(needsInput.get(reason) ?? []), `${displayPath(io.cwd, file)}:${lines.lineOf(f.start) + 1}`]);
    }
    failing += res.remaining.filter((f) => failsBuild(f, args)).length;
    if (!unsafe) unsafeAvailable += res.remaining.filter((f) => f.fixes.some((x) => x.applicability === 'unsafe' && !x.needsInput)).length;
    if (res.text === decoded.file.text) continue;
    const rel = displayPath(io.cwd, file);
    if (args.diff) {
      otherFiles.push(...res.otherFiles);
      fixed += res.applied;
      fixedFiles++;
      io.stdout(unifiedDiff(`a/${rel}`, `b/${rel}`, decoded.file.text, res.text));
      continue;
    }
    if (!insideRoots(real, ws.roots)) {
      problem(file, `links to ${real}, outside the paths given; not written`);
      continue;
    }
    const hadBom = UTF8_BOM.every((b, i) => bytes[i] === b);
    const out = Buffer.from(res.text, 'utf8');
    try {
      // the real path: writing there keeps a symlink a symlink
      writeFileAtomic(real, hadBom ? Buffer.concat([Buffer.from(UTF8_BOM), out]) : out);
    } catch (e) {
      problem(file, `cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); left unchanged`);
      continue;
    }
    // the other files this file's fixes need (a settings module, package.json): only once the file itself is written
    otherFiles.push(...res.otherFiles);
    fixed += res.applied;
    fixedFiles++;
  }
  for (const fe of mergeFileEdits(otherFiles)) applyOtherFile(fe, args, io);
  progress.end();
  if (!args.diff && remainingLines.length) io.stdout(remainingLines.join('\n') + '\n');
  const hint = unsafeAvailable ? `; ${plural(unsafeAvailable, 'unsafe fix')} available with --unsafe-fixes` : '';
  const verb = args.diff ? 'Would fix' : 'Fixed';
  const asked = [...needsInput].map(([reason, at]) => `; ${at.length} need${at.length === 1 ? 's' : ''} input (${reason}): ${at.join(', ')}`).join('');
  const line = `${verb} ${plural(fixed, 'issue')} in ${plural(fixedFiles, 'file')} (${remaining} remaining${hint})${asked}\n`;
  (args.diff ? io.stderr : io.stdout)(line);
  problemSummary(io, problems, args.diff ? 'fixed' : 'fixed or written');
  if (problems) return 2;
  if (args.diff) return fixed > 0 || failing > 0 ? 1 : 0;
  return failing > 0 ? 1 : 0;
}

/**
 * Applies the edits a fix makes to another file, verified on that file: it must still parse
 * (Python without new syntax errors, JSON as JSON); a file that changed since is left alone. A
 * file the fix creates is written when it is still missing.
 */
function applyOtherFile(fe: FileEdits, args: CliArgs, io: Io): void {
  const rel = displayPath(io.cwd, fe.path);
  let before: string;
  let missing = false;
  try {
    before = fs.readFileSync(fe.path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // a file the fix creates (a project's first `.env.example`): its edits apply to an empty text
    if (!(fe.create && code === 'ENOENT')) {
      io.stderr(`shipguard: ${rel}: cannot read (${code}); its part of the fix is not applied\n`);
      return;
    }
    before = '';
    missing = true;
  }
  let after: string;
  try {
    after = applyEdits(before, fe.edits);
  } catch {
    io.stderr(`shipguard: ${rel}: changed since the fix was computed; its part of the fix is not applied\n`);
    return;
  }
  if (after === before) return;
  const broken = fe.path.endsWith('.json')
    ? (() => {
        try {
          JSON.parse(after);
          return false;
        } catch {
          return true;
        }
      })()
    : fe.path.endsWith('.py') && countSyntaxErrors(parsePythonTree(after)) > countSyntaxErrors(parsePythonTree(before));
  if (broken) {
    io.stderr(`shipguard: ${rel}: the fix's edit would not parse; not applied\n`);
    return;
  }
  if (args.diff) {
    io.stdout(unifiedDiff(missing ? '/dev/null' : `a/${rel}`, `b/${rel}`, before, after));
    return;
  }
  writeFileAtomic(fe.path, Buffer.from(after, 'utf8'));
}

// ---------------------------------------------------------------------------

function listRules(args: CliArgs, io: Io, registry: RuleRegistry): number {
  const rules = registry.all();
  if (args.format === 'json') {
    const data = rules.map((r) => ({
      id: r.id,
      family: r.family,
      severity: r.severity,
      languages: r.languages,
      fix: r.fix,
      summary: summary(r),
    }));
    writeOutput(args, io, JSON.stringify(data, null, 2) + '\n');
    return 0;
  }
  const width = Math.max(...rules.map((r) => r.id.length));
  const lines = rules.map((r) => {
    const langs = [...new Set(r.languages.map((l) => (l === 'python' ? 'py' : 'js/ts')))].join(',');
    return `${r.id.padEnd(width)}  ${r.family.padEnd(22)}  ${r.severity.padEnd(7)}  ${langs.padEnd(8)}  ${summary(r)} ${fixLine(r)}`;
  });
  writeOutput(args, io, lines.join('\n') + '\n');
  return 0;
}

function explain(args: CliArgs, io: Io, registry: RuleRegistry): number {
  const id = args.positionals[0];
  const rule = registry.get(id);
  if (!rule) {
    const close = registry.suggest(id);
    throw new Exit(2, `unknown rule \`${id}\`${close.length ? `; did you mean ${close.map((c) => `\`${c}\``).join(', ')}?` : ''}`);
  }
  io.stdout(renderRuleMarkdown(rule));
  return 0;
}

async function lsp(): Promise<number> {
  const { startServer } = await import('../lsp/main');
  startServer();
  // the connection keeps the process alive and ends it on `exit`
  return new Promise<number>(() => undefined);
}

/**
 * Parses every file twice (cold, then warm) without running rules, on this
 * thread, and prints lines per second per language as JSON.
 */
async function debugParse(args: CliArgs, io: Io): Promise<number> {
  const ws = openWorkspace(args, io);
  const { initPython, parsePython } = await import('../lang/python/parser');
  const { parseJs } = await import('../lang/js/parser');
  await initPython();
  const texts: Array<{ path: string; text: string; python: boolean; lines: number }> = [];
  for (const f of ws.files) {
    const d = decodeSource(f, fs.readFileSync(f), ws.config.maxFileSize);
    if (d.ok) texts.push({ path: f, text: d.file.text, python: d.file.language === 'python', lines: new LineIndex(d.file.text).lineCount });
  }
  const result: Record<string, { files: number; lines: number; coldMs: number; warmMs: number; coldLinesPerSecond: number; warmLinesPerSecond: number }> = {};
  for (const lang of ['python', 'typescript'] as const) {
    const mine = texts.filter((t) => t.python === (lang === 'python'));
    const lines = mine.reduce((s, t) => s + t.lines, 0);
    const time = () => {
      const t0 = performance.now();
      for (const t of mine) {
        if (t.python) parsePython(t.text).delete();
        else parseJs(t.path, t.text);
      }
      return performance.now() - t0;
    };
    const coldMs = time();
    const warmMs = time();
    result[lang] = {
      files: mine.length,
      lines,
      coldMs: Math.round(coldMs),
      warmMs: Math.round(warmMs),
      coldLinesPerSecond: Math.round(lines / Math.max(coldMs / 1000, 1e-6)),
      warmLinesPerSecond: Math.round(lines / Math.max(warmMs / 1000, 1e-6)),
    };
  }
  io.stdout(JSON.stringify(result) + '\n');
  return 0;
}

// ---------------------------------------------------------------------------

if (require.main === module || process.env.SHIPGUARD_CLI_MAIN === '1' || isBinEntry()) {
  run(process.argv.slice(2)).then(
    (code) => {
      // let stdout drain before exiting (pipes are asynchronous)
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`shipguard: internal error: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}

/** bin/shipguard.js requires the bundle, so require.main is the bin script. */
function isBinEntry(): boolean {
  const main = require.main?.filename ?? '';
  return path.basename(main) === 'shipguard.js' || path.basename(main) === 'shipguard';
}
