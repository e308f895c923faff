/**
 * Workspace scanning: which files to lint, and linting them on every core.
 *
 * File discovery walks the given directories itself (pruning ignored
 * directories before descending, so a git-ignored `data/` or `.next/` costs
 * nothing) and honours:
 *   - directories that are never source: node_modules, .git, build output,
 *     virtualenvs, caches (ALWAYS_SKIPPED_DIRS);
 *   - every `.gitignore` from the workspace root down to each file (root and
 *     nested files, git semantics through the `ignore` package);
 *   - the config's `exclude` patterns (gitignore syntax, relative to the root).
 * Glob arguments (`'src/**\/*.py'`) are expanded with fast-glob. A file named
 * explicitly is linted even when an ignore rule matches it (like ruff), unless
 * `forceExclude` is set; a directory named explicitly is walked even when it is
 * itself ignored, its contents still obey the rules.
 *
 * Linting runs in worker threads (`server/out/worker.js` beside the bundle;
 * in development through tsx the bundle does not exist and files are linted
 * in-process), files handed out in batches of neighbouring files (batches.ts), and
 * each file's report sent back as soon as it is done. Each worker initialises the
 * Python parser once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as crypto from 'node:crypto';
import * as os from 'node:os';
import fg from 'fast-glob';
import { safePatterns } from './globs';
import ignore, { type Ignore } from 'ignore';
import { Worker } from 'node:worker_threads';
import { lint, UnanalysableInput } from './lint';
import { decodeSource, languageOf, looksMinified } from './files';
import { LineIndex } from '../text/positions';
import { beginStableScan, endStableScan } from '../lang/snapshot';
import { BatchPlan } from './batches';
import type { ResolvedConfig } from './config';
import type { Applicability, Finding, Rule, Severity } from './types';

/** Directory names never walked into (they hold dependencies, output or caches, not the project's code). */
export const ALWAYS_SKIPPED_DIRS = new Set([
  'node_modules', '.git', '.hg', '.svn', 'dist', 'build', '.next', '.nuxt', '.output', '.svelte-kit',
  '.venv', 'venv', 'site-packages', '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache',
  '.ruff_cache', '.shipguard-cache', 'coverage', '.turbo', '.vercel', '.serverless', 'bower_components',
]);

const ROOT_MARKERS = ['.shipguard.json', 'package.json', 'pyproject.toml', '.git'];

/** The nearest directory at or above `start` holding a config or project marker; `start` itself when none. */
export function findWorkspaceRoot(start: string): string {
  let dir = path.resolve(start);
  try {
    if (fs.statSync(dir).isFile()) dir = path.dirname(dir);
  } catch {
    // a path that does not exist: search from its parent
    dir = path.dirname(dir);
  }
  for (let cur = dir; ; cur = path.dirname(cur)) {
    if (ROOT_MARKERS.some((m) => fs.existsSync(path.join(cur, m)))) return cur;
    if (path.dirname(cur) === cur) return path.resolve(start && fs.existsSync(dir) ? dir : process.cwd());
  }
}

// ---------------------------------------------------------------------------
// discovery

export interface DiscoverOptions {
  root: string;
  config: ResolvedConfig;
  /** Apply ignore rules to explicitly named files too. */
  forceExclude?: boolean;
  /** Honour .gitignore files (default true). */
  respectGitignore?: boolean;
  /** Keep every file the ignore rules keep, not only Python and JS/TS (project-level checks read manifests and config). */
  anyFile?: boolean;
}

export interface Discovered {
  /** Absolute paths, sorted, unique. */
  files: string[];
  /** Arguments that matched nothing or could not be read. */
  missing: string[];
  /** Explicit files that are not Python or JS/TS. */
  unsupported: string[];
  /** Directories (and explicitly named files) that exist but could not be read, with the error code. */
  unreadable: Array<{ path: string; code: string }>;
  /** Symbolic links to source files whose target is missing (or loops): skipped, worth a note. */
  brokenLinks: string[];
  /** .gitignore patterns not used because matching them could take exponential time (see globs.ts). */
  refusedPatterns: Array<{ file: string; pattern: string; why: string }>;
}

interface Layer {
  ig: Ignore;
  patterns: string[];
  /** The patterns that match by name at any depth (no slash inside), built on demand. */
  byName?: Ignore;
}

/** A layer of patterns; those that could take exponential time to match are left out and reported (see globs.ts). */
function makeLayer(patterns: string[], refused: (pattern: string, why: string) => void = () => undefined): Layer {
  const safe = safePatterns(patterns, refused);
  return { ig: ignore().add(safe), patterns: safe };
}

/** A matcher of gitignore layers from the root down, loaded lazily per directory. */
class IgnoreRules {
  private readonly layers = new Map<string, Layer | null>();
  /** .gitignore patterns left out (see globs.ts). */
  readonly refused: Array<{ file: string; pattern: string; why: string }> = [];
  private readonly exclude: Layer | null;

  constructor(
    private readonly root: string,
    config: ResolvedConfig,
    private readonly respectGitignore: boolean,
  ) {
    this.exclude = config.exclude.length ? makeLayer(config.exclude) : null;
  }

  private layer(dir: string): Layer | null {
    let l = this.layers.get(dir);
    if (l !== undefined) return l;
    l = null;
    if (this.respectGitignore) {
      try {
        const file = path.join(dir, '.gitignore');
        l = makeLayer(fs.readFileSync(file, 'utf8').split(/\r?\n/), (p, why) => this.refused.push({ file, pattern: p, why }));
      } catch {
        // no .gitignore here
      }
    }
    this.layers.set(dir, l);
    return l;
  }

  /**
   * Is `abs` (a file, or a directory when isDir) ignored? The walker never
   * descends into an ignored directory, so parents below the start are known
   * to be kept. `start` is the explicitly named directory the walk began at.
   */
  ignored(abs: string, isDir: boolean, start: string): boolean {
    if (isDir && ALWAYS_SKIPPED_DIRS.has(path.basename(abs))) return true;
    const relRoot = toPosix(path.relative(this.root, abs));
    const inside = relRoot !== '' && !relRoot.startsWith('..') && !path.isAbsolute(relRoot);
    if (inside && this.exclude && this.test(this.exclude, this.root, abs, isDir, start)) return true;
    // .gitignore layers: every directory from the root (or from the start of the walk, outside the root) to the parent
    const top = inside ? this.root : start;
    for (let d = path.dirname(abs); ; d = path.dirname(d)) {
      const l = this.layer(d);
      if (l && this.test(l, d, abs, isDir, start)) return true;
      if (d === top || path.dirname(d) === d) break;
    }
    return false;
  }

  /** For paths found without a pruned walk (glob arguments): the file or any directory above it up to the root. */
  ignoredWithParents(abs: string, root: string): boolean {
    if (this.ignored(abs, false, root)) return true;
    for (let d = path.dirname(abs); d !== root && path.dirname(d) !== d; d = path.dirname(d)) {
      if (this.ignored(d, true, root)) return true;
    }
    return false;
  }

  /**
   * Tests `abs` against one layer whose patterns are relative to `base`. When
   * the layer ignores the explicitly named start directory itself (the user
   * asked for it anyway), the path below the start is judged only by the
   * layer's name patterns (`*.log`, `__pycache__/`), which apply at any depth.
   */
  private test(l: Layer, base: string, abs: string, isDir: boolean, start: string): boolean {
    const rel = toPosix(path.relative(base, abs));
    const target = isDir ? `${rel}/` : rel;
    const startRel = toPosix(path.relative(base, start));
    if (startRel === '' || startRel.startsWith('..') || !l.ig.ignores(`${startRel}/`)) return l.ig.ignores(target);
    const tail = toPosix(path.relative(start, abs));
    if (!tail || tail.startsWith('..')) return false;
    l.byName ??= ignore().add(l.patterns.filter((p) => !p.trim().replace(/\/+$/, '').includes('/')));
    return l.byName.ignores(isDir ? `${tail}/` : tail);
  }
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Resolves CLI path arguments to the source files to lint. */
export function discoverFiles(args: readonly string[], opts: DiscoverOptions): Discovered {
  const rules = new IgnoreRules(opts.root, opts.config, opts.respectGitignore !== false);
  const wanted = opts.anyFile ? () => true : (p: string) => !!languageOf(p);
  const files = new Set<string>();
  const missing: string[] = [];
  const unsupported: string[] = [];
  const problems: Problems = { unreadable: [], brokenLinks: [] };
  const inputs = args.length ? args : ['.'];
  for (const arg of inputs) {
    const abs = path.resolve(arg);
    let st: fs.Stats | null = null;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      st = null;
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      // a path that exists but cannot be looked at is not "missing"
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && !fg.isDynamicPattern(arg)) {
        problems.unreadable.push({ path: abs, code });
        continue;
      }
    }
    if (!st && fg.isDynamicPattern(arg)) {
      const matches = fg.sync(arg, { absolute: true, onlyFiles: true, dot: false, followSymbolicLinks: false, ignore: [...ALWAYS_SKIPPED_DIRS].map((d) => `**/${d}/**`) });
      let any = false;
      for (const m of matches) {
        const p = path.resolve(m);
        if (!wanted(p)) continue;
        if (rules.ignoredWithParents(p, opts.root)) continue;
        files.add(p);
        any = true;
      }
      if (!any) missing.push(arg);
      continue;
    }
    if (!st) {
      missing.push(arg);
      continue;
    }
    if (st.isFile()) {
      if (!wanted(abs)) {
        unsupported.push(arg);
        continue;
      }
      if (opts.forceExclude && rules.ignoredWithParents(abs, opts.root)) continue;
      files.add(abs);
      continue;
    }
    if (st.isDirectory()) {
      if (opts.forceExclude && abs !== opts.root && (rules.ignored(abs, true, opts.root) || rules.ignoredWithParents(abs, opts.root))) continue;
      walk(abs, abs, rules, files, problems, wanted);
    }
  }
  return { files: [...files].sort(), missing, unsupported, ...problems, refusedPatterns: rules.refused };
}

type Problems = Pick<Discovered, 'unreadable' | 'brokenLinks'>;

function walk(dir: string, start: string, rules: IgnoreRules, out: Set<string>, problems: Problems, wanted: (p: string) => boolean): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    // gone since its parent was listed: nothing was lost
    if (code !== 'ENOENT') problems.unreadable.push({ path: dir, code });
    return;
  }
  const subdirs: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      // follow symlinked files, never symlinked directories (loops, vendored trees)
      try {
        const st = fs.statSync(full);
        isFile = st.isFile();
        isDir = false;
      } catch {
        if (wanted(e.name) && !rules.ignored(full, false, start)) problems.brokenLinks.push(full);
        continue;
      }
    }
    if (isDir) {
      if (!rules.ignored(full, true, start)) subdirs.push(full);
    } else if (isFile && wanted(e.name) && !rules.ignored(full, false, start)) {
      out.add(full);
    }
  }
  for (const d of subdirs) walk(d, start, rules, out, problems, wanted);
}

// ---------------------------------------------------------------------------
// per-file results

export interface ReportedEdit {
  /** 1-based lines, 1-based UTF-16 columns (as SARIF and LSP count), end exclusive. */
  start: { line: number; column: number };
  end: { line: number; column: number };
  newText: string;
}

export interface ReportedFix {
  title: string;
  applicability: Applicability;
  /** The fix needs a value only a human can give: `fix` does not apply it (see `Fix.needsInput`). */
  needsInput?: string;
  edits: ReportedEdit[];
}

/** A finding with everything the outputs need, computed where the text is at hand. */
export interface ReportedFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  /** 1-based line and code-point column (text output). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** 1-based line and UTF-16 column (SARIF). */
  sarif: { startLine: number; startColumn: number; endLine: number; endColumn: number };
  /** Stable across line shifts: rule id + normalised statement text + occurrence index. */
  fingerprint: string;
  fixes: ReportedFix[];
}

export interface FileReport {
  /** Absolute path. */
  path: string;
  lines: number;
  bytes: number;
  findings: ReportedFinding[];
  /** Why the file was not linted. */
  skipped?: string;
  /** The file could not be analysed (unreadable, too deep, an internal error): the run must not pass silently. */
  failed?: boolean;
  /** Linted, but with a caveat (non-UTF-8). */
  warning?: string;
  syntaxErrors: number;
  failedRules: string[];
  logs: string[];
  /** Milliseconds per rule and for parsing, when asked for. */
  timing?: Record<string, number>;
  /** Module names this file imports (for cache invalidation across files). */
  imports?: string[];
}

export interface ScanOptions {
  rules: readonly Rule[];
  config: ResolvedConfig;
  only?: readonly string[];
  computeFixes?: boolean;
  /** Measure time per rule (`shipguard scan --timing`). */
  timing?: boolean;
}

/** Lints one file's bytes into a report; never throws. */
export function scanBytes(filePath: string, bytes: Uint8Array, opts: ScanOptions): FileReport {
  const base: FileReport = { path: filePath, lines: 0, bytes: bytes.length, findings: [], syntaxErrors: 0, failedRules: [], logs: [] };
  const decoded = decodeSource(filePath, bytes, opts.config.maxFileSize);
  if (!decoded.ok) return { ...base, skipped: decoded.reason };
  const file = decoded.file;
  const lines = new LineIndex(file.text);
  base.lines = lines.lineCount;
  if (looksMinified(file.text)) return { ...base, skipped: 'skipped: looks minified or generated (very long lines)' };
  if (decoded.warning) base.warning = decoded.warning;
  try {
    const res = lint(file, {
      rules: opts.rules,
      config: opts.config,
      only: opts.only,
      computeFixes: opts.computeFixes ?? false,
      timing: opts.timing,
      log: (m) => base.logs.push(m),
    });
    if (res.timing) base.timing = Object.fromEntries(res.timing);
    base.syntaxErrors = res.syntaxErrors;
    base.failedRules = res.failedRules;
    base.findings = reportFindings(file.text, lines, res.findings);
    base.imports = importedNames(file.text, file.language === 'python');
  } catch (e) {
    base.failed = true;
    if (e instanceof UnanalysableInput) base.skipped = (e as Error).message;
    else {
      base.skipped = `internal error while linting: ${(e as Error).message}`;
      base.logs.push(`${filePath}: ${(e as Error).stack ?? e}`);
    }
  }
  return base;
}

/** The name a module is imported by: the file's stem, or its folder's name for `__init__.py` / `index.*`. */
export function moduleName(file: string): string {
  const stem = path.basename(file).replace(/\.[^.]+$/, '');
  return stem === '__init__' || stem === 'index' ? path.basename(path.dirname(file)) : stem;
}

/**
 * Every name that appears in the file's import statements (module path
 * segments and imported names), a superset of the project modules whose
 * content can change this file's findings.
 */
export function importedNames(text: string, python: boolean): string[] {
  const names = new Set<string>();
  const add = (chunk: string) => {
    for (const m of chunk.matchAll(/[A-Za-z_$][\w$-]*/g)) names.add(m[0]);
  };
  if (python) {
    for (const m of text.matchAll(/^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]*(\([^)]*\)|[^\n]*)/gm)) add(`${m[1]} ${m[2]}`);
    for (const m of text.matchAll(/^[ \t]*import[ \t]+([^\n]+)/gm)) add(m[1]);
  } else {
    for (const m of text.matchAll(/(?:\bfrom|\brequire\s*\(|\bimport\s*\(|^[ \t]*import)\s*['"`]([^'"`]+)['"`]/gm)) {
      add(m[1].replace(/\.(?:[cm]?[jt]sx?)$/, ''));
    }
  }
  return [...names];
}

/** Adds positions and fingerprints to engine findings. */
export function reportFindings(text: string, lines: LineIndex, findings: readonly Finding[]): ReportedFinding[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = `${f.ruleId}\0${fingerprintText(text, lines, f)}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const h = lines.humanPosition(f.start);
    const he = lines.humanPosition(f.end);
    const s = lines.sarifPosition(f.start);
    const se = lines.sarifPosition(f.end);
    return {
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      start: f.start,
      end: f.end,
      line: h.line,
      column: h.column,
      endLine: he.line,
      endColumn: he.column,
      sarif: { startLine: s.line, startColumn: s.column, endLine: se.line, endColumn: se.column },
      fingerprint: hashFingerprint(key, n),
      fixes: f.fixes.map((x) => ({
        title: x.title,
        applicability: x.applicability,
        ...(x.needsInput ? { needsInput: x.needsInput } : {}),
        edits: x.edits.map((e) => ({ start: lines.sarifPosition(e.start), end: lines.sarifPosition(e.end), newText: e.newText })),
      })),
    };
  });
}

/**
 * The text a fingerprint is made of: the finding's statement with whitespace
 * collapsed (so re-indenting or moving it keeps the fingerprint), or for a long
 * compound statement, the lines the finding itself spans.
 */
export function fingerprintText(text: string, lines: LineIndex, f: Pick<Finding, 'start' | 'end' | 'stmtStart' | 'stmtEnd'>): string {
  let s = f.stmtStart ?? f.start;
  let e = f.stmtEnd ?? f.end;
  if (e - s > 400 || s > f.start || e < f.end) {
    s = lines.lineStart(lines.lineOf(f.start));
    e = lines.lineEnd(lines.lineOf(f.end));
  }
  return text.slice(s, e).replace(/\s+/g, ' ').trim();
}

export function hashFingerprint(key: string, occurrence: number): string {
  return `${crypto.createHash('sha256').update(key).digest('hex').slice(0, 32)}:${occurrence + 1}`;
}

export function readAndScan(filePath: string, opts: ScanOptions): FileReport {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(filePath);
  } catch (e) {
    return { path: filePath, lines: 0, bytes: 0, findings: [], skipped: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, failed: true, syntaxErrors: 0, failedRules: [], logs: [] };
  }
  return scanBytes(filePath, bytes, opts);
}

// ---------------------------------------------------------------------------
// cache

export interface CacheOptions {
  /** Directory for cache files. */
  dir: string;
  /** Anything that changes results besides file contents: tool build, rule set, config. */
  key: string;
}

interface CacheEntry {
  mtimeMs: number;
  size: number;
  report: FileReport;
}

interface CacheFile {
  key: string;
  entries: Record<string, CacheEntry>;
}

/** The default cache directory: node_modules/.cache/shipguard when node_modules exists, else .shipguard-cache/. */
export function defaultCacheDir(root: string): string {
  if (fs.existsSync(path.join(root, 'node_modules'))) return path.join(root, 'node_modules', '.cache', 'shipguard');
  return path.join(root, '.shipguard-cache');
}

export function cacheKey(parts: unknown[]): string {
  return crypto.createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

function loadCache(opts: CacheOptions): Map<string, CacheEntry> {
  try {
    const data = JSON.parse(fs.readFileSync(path.join(opts.dir, `scan-${opts.key}.json`), 'utf8')) as CacheFile;
    if (data.key !== opts.key) return new Map();
    return new Map(Object.entries(data.entries));
  } catch {
    return new Map();
  }
}

function saveCache(opts: CacheOptions, entries: Map<string, CacheEntry>): void {
  try {
    fs.mkdirSync(opts.dir, { recursive: true });
    const marker = path.join(opts.dir, '.gitignore');
    if (!fs.existsSync(marker)) fs.writeFileSync(marker, '# Automatically created by shipguard.\n*\n');
    // keep only this key's file: an older rule set or config will not come back often enough to pay for the space
    for (const f of fs.readdirSync(opts.dir)) {
      if (f.startsWith('scan-') && f !== `scan-${opts.key}.json`) fs.rmSync(path.join(opts.dir, f), { force: true });
    }
    const data: CacheFile = { key: opts.key, entries: Object.fromEntries(entries) };
    writeFileAtomic(path.join(opts.dir, `scan-${opts.key}.json`), JSON.stringify(data));
  } catch {
    // a cache that cannot be written only costs time
  }
}

/** Writes through a temp file in the same directory and a rename, keeping the old file's mode. */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  let mode: number | undefined;
  try {
    mode = fs.statSync(target).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.shipguard-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(tmp, data, mode !== undefined ? { mode } : undefined);
    if (mode !== undefined) fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

// ---------------------------------------------------------------------------
// the scan

export interface WorkspaceScanOptions extends ScanOptions {
  /** Worker threads (default: number of CPUs). 1 lints in-process. */
  jobs?: number;
  /** Use workers even for a small workspace (tests, benchmarks). */
  forceWorkers?: boolean;
  cache?: CacheOptions | null;
  /** Called after each file with (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Path of the worker bundle; defaults to worker.js beside this module when it exists. */
  workerPath?: string | null;
  /** Problems with workers (crashes), for a log. */
  log?: (message: string) => void;
}

export interface WorkspaceScanResult {
  reports: FileReport[];
  /** Summed milliseconds per rule and parser over the files linted now (not cached ones), when timing was asked for. */
  timing?: Record<string, number>;
  cacheHits: number;
  workers: number;
  ms: number;
}

/**
 * Heap bounds of a scan worker. A worker keeps about 120 MB alive (its bundle, the TypeScript
 * compiler, the parser, the project's module caches) but allocates a tree per file, and V8, left
 * alone, lets the old generation grow to several times what is alive before collecting: 350 MB
 * and more per worker on the reference corpus. A 256 MB old generation collects sooner (corpus
 * peak RSS 760 -> 550 MiB with two workers, about 7% more CPU). A worker that still runs out
 * (a file no real project has) exits, and its files are linted in-process.
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 };

/** Below this many bytes, starting workers costs more than it saves. */
const WORKER_THRESHOLD_BYTES = 1_500_000;

export function defaultWorkerPath(): string | null {
  const candidate = path.join(__dirname, 'worker.js');
  return __filename.endsWith('.js') && fs.existsSync(candidate) ? candidate : null;
}

export async function scanWorkspace(files: readonly string[], opts: WorkspaceScanOptions): Promise<WorkspaceScanResult> {
  const t0 = performance.now();
  const cached = opts.cache ? loadCache(opts.cache) : new Map<string, CacheEntry>();
  const nextCache = new Map<string, CacheEntry>();
  const reports = new Map<string, FileReport>();
  const todo: Array<{ path: string; size: number; mtimeMs: number }> = [];
  let hits = 0;
  // Bindings follow imports into the project's own modules, so a file's findings can change when a module it
  // imports changes: files that are new, changed or gone make every cached file importing that module name stale.
  const unchanged: Array<{ path: string; entry: CacheEntry }> = [];
  const changedNames = new Set<string>();
  const current = new Set(files);
  for (const f of cached.keys()) if (!current.has(f)) changedNames.add(moduleName(f));
  for (const f of files) {
    let st: fs.Stats;
    try {
      st = fs.statSync(f);
    } catch (e) {
      reports.set(f, { path: f, lines: 0, bytes: 0, findings: [], skipped: `cannot read: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, failed: true, syntaxErrors: 0, failedRules: [], logs: [] });
      continue;
    }
    const c = cached.get(f);
    if (c && c.mtimeMs === st.mtimeMs && c.size === st.size) {
      unchanged.push({ path: f, entry: c });
      continue;
    }
    changedNames.add(moduleName(f));
    todo.push({ path: f, size: st.size, mtimeMs: st.mtimeMs });
  }
  if (process.env.SHIPGUARD_DEBUG_CACHE) opts.log?.(`cache: ${cached.size} entries, ${unchanged.length} unchanged, changed names: ${[...changedNames].slice(0, 12).join(" ")}`);
  for (const { path: f, entry } of unchanged) {
    if (changedNames.size && (entry.report.imports ?? []).some((n) => changedNames.has(n))) {
      todo.push({ path: f, size: entry.size, mtimeMs: entry.mtimeMs });
      continue;
    }
    reports.set(f, entry.report);
    nextCache.set(f, entry);
    hits++;
  }
  const total = files.length;
  let done = reports.size;
  opts.onProgress?.(done, total);
  const fresh: FileReport[] = [];
  const record = (r: FileReport, item: { size: number; mtimeMs: number }) => {
    reports.set(r.path, r);
    fresh.push(r);
    // a file changed within the clock's resolution of the scan may change again unseen: do not cache it
    if (!r.failed && Date.now() - item.mtimeMs > 2000) {
      nextCache.set(r.path, { mtimeMs: item.mtimeMs, size: item.size, report: { ...r, logs: [], timing: undefined } });
    }
    done++;
    opts.onProgress?.(done, total);
  };

  // more threads than cores only add parsers and heaps that wait for a core
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const jobs = Math.max(1, Math.min(opts.jobs ?? cores, cores));
  const workerPath = opts.workerPath === undefined ? defaultWorkerPath() : opts.workerPath;
  const totalBytes = todo.reduce((s, x) => s + x.size, 0);
  const useWorkers = !!workerPath && jobs > 1 && todo.length > 1 && (opts.forceWorkers || totalBytes >= WORKER_THRESHOLD_BYTES);
  let workers = 0;
  let inProcess = todo;
  if (useWorkers) {
    workers = Math.min(jobs, todo.length);
    const left = new Set(await runInWorkers(workerPath!, workers, todo, opts, record, opts.log ?? (() => undefined)));
    inProcess = todo.filter((t) => left.has(t.path));
  }
  if (inProcess.length) {
    const { initPython } = await import('../lang/python/parser');
    await initPython();
    // the loop is synchronous: nothing can change the files the caches read until it ends
    beginStableScan();
    try {
      for (const item of inProcess) record(readAndScan(item.path, opts), item);
    } finally {
      endStableScan();
    }
  }
  if (opts.cache && (todo.length || nextCache.size !== cached.size)) saveCache(opts.cache, nextCache);
  let timing: Record<string, number> | undefined;
  if (opts.timing) {
    timing = {};
    for (const r of fresh) for (const [k, v] of Object.entries(r.timing ?? {})) timing[k] = (timing[k] ?? 0) + v;
  }
  return { reports: files.filter((f) => reports.has(f)).map((f) => reports.get(f)!), cacheHits: hits, workers, ms: performance.now() - t0, timing };
}

export interface WorkerInit {
  config: ResolvedConfig;
  only?: readonly string[];
  computeFixes: boolean;
  timing?: boolean;
}

export type ToWorker = { type: 'batch'; id: number; paths: string[] } | { type: 'exit' };
export type FromWorker = { type: 'ready' } | { type: 'report'; id: number; report: FileReport } | { type: 'done'; id: number } | { type: 'fatal'; message: string };

/**
 * Hands batches to `count` workers until the queue is empty. Resolves with the
 * paths no worker finished (a worker that crashed or failed to start leaves its
 * batch and, if it was the last one, the rest of the queue): the caller lints
 * those in-process, so a crashing worker costs time, never results.
 */
function runInWorkers(
  workerPath: string,
  count: number,
  todo: Array<{ path: string; size: number; mtimeMs: number }>,
  opts: WorkspaceScanOptions,
  record: (r: FileReport, item: { size: number; mtimeMs: number }) => void,
  log: (m: string) => void,
): Promise<string[]> {
  const plan = new BatchPlan(todo, count);
  const byPath = new Map(todo.map((t) => [t.path, t]));
  const init: WorkerInit = { config: opts.config, only: opts.only, computeFixes: opts.computeFixes ?? false, timing: opts.timing };
  return new Promise<string[]>((resolve) => {
    let live = count;
    let batchId = 0;
    const leftover: string[] = [];
    const pending = new Map<Worker, string[]>();
    const retired = new Set<Worker>();
    const retire = (w: Worker) => {
      if (retired.has(w)) return;
      retired.add(w);
      leftover.push(...(pending.get(w) ?? []));
      pending.delete(w);
      void w.terminate();
      if (--live === 0) resolve([...leftover, ...plan.rest()]);
    };
    const feed = (w: Worker, index: number) => {
      const paths = plan.next(index);
      if (!paths) {
        w.postMessage({ type: 'exit' } satisfies ToWorker);
        retire(w);
        return;
      }
      pending.set(w, paths);
      w.postMessage({ type: 'batch', id: ++batchId, paths } satisfies ToWorker);
    };
    for (let i = 0; i < count; i++) {
      const w = new Worker(workerPath, { workerData: init, resourceLimits: WORKER_HEAP });
      w.on('message', (m: FromWorker) => {
        if (m.type === 'ready') feed(w, i);
        else if (m.type === 'report') {
          // reports stream in one by one: the batch's unfinished paths are what a crash would leave
          record(m.report, byPath.get(m.report.path) ?? { size: m.report.bytes, mtimeMs: 0 });
          const left = pending.get(w);
          if (left) pending.set(w, left.filter((p) => p !== m.report.path));
        } else if (m.type === 'done') {
          pending.delete(w);
          feed(w, i);
        } else if (m.type === 'fatal') {
          log(`worker failed: ${m.message}`);
          retire(w);
        }
      });
      w.on('error', (e) => {
        if (!retired.has(w)) log(`worker crashed: ${(e as Error).message}`);
        retire(w);
      });
      w.on('exit', (code) => {
        if (!retired.has(w) && code !== 0) log(`worker exited with code ${code}`);
        retire(w);
      });
    }
  });
}
