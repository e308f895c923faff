/**
 * File discovery: which files to lint.
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
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import { safePatterns } from './globs';
import ignore, { type Ignore } from 'ignore';
import { languageOf } from './files';
import type { ResolvedConfig } from './config';

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
