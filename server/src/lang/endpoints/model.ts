/**
 * The workspace's endpoints, as its code declares them.
 *
 * Throttling is a property of an endpoint, and an endpoint is spread over
 * files: a DRF view in `views.py`, its route in `urls.py`, its default
 * throttles in `settings/base.py`; an Express route in `routes/auth.ts`, the
 * limiter that guards it `app.use`d in `app.ts` before the router is mounted.
 * The language readers (`python.ts`, `js.ts`) turn one file into
 * `Endpoint`s plus the facts that file contributes to the rest of the
 * workspace (settings, routes, mounts, limiters); this module holds the shared
 * shapes and the workspace index those facts live in.
 *
 * The index is kept up to date file by file: each file's facts are read once
 * per version (mtime) and re-read when the file changes, and the list of
 * candidate files of a project is refreshed every ten seconds, so the language
 * server sees an edited settings module on the next lint and a CLI scan reads
 * each file's facts once. Nothing here executes workspace code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fresh, hasAnyEntry, readTextFile, statPath } from '../snapshot';
import { sharedFacts } from '../shared-cost';

export type Framework = 'drf' | 'django' | 'flask' | 'express' | 'next' | 'nest';

/** One thing that limits the request rate of an endpoint, and where it comes from. */
export interface Limit {
  /**
   * decorator / middleware: on the handler or in its route chain;
   * class: a DRF `throttle_classes` / `throttle_scope`, a Flask `decorators` list;
   * default: workspace-wide defaults (DRF `DEFAULT_THROTTLE_CLASSES`, flask-limiter `default_limits`,
   * a rate-limit Django middleware); use: `app.use(limiter)` before the route, here or where the router is mounted.
   */
  kind: 'decorator' | 'middleware' | 'class' | 'default' | 'use';
  /** Source text or qualified name of the limiter, for messages and tests. */
  by: string;
  /** DRF: a scoped throttle (its own rate for this endpoint), not only the global anon/user rates. */
  scoped?: boolean;
}

export interface Endpoint {
  framework: Framework;
  file: string;
  /** Upper-case HTTP methods it answers; `*` when any (a Django function view). */
  methods: string[];
  /** Route path(s) when known (Flask/Express in the file, Django/DRF from the workspace's urls modules). */
  paths: string[];
  /** Handler name as written: `login`, `LoginView`, `AuthViewSet.reset_password`. */
  handler: string;
  /** Where a finding about it is reported (offsets into the file). */
  start: number;
  end: number;
  /** Decorators or middleware in its chain, as written, outermost first. */
  chain: string[];
  limits: Limit[];
  /** `@limiter.exempt` and the like: the workspace defaults do not apply. */
  exempt: boolean;
  /**
   * Whether a request must come from an authenticated user (a login or permission decorator,
   * `permission_classes`, a mixin, auth middleware in the chain or `use`d before); undefined when
   * the code says nothing, false when it says the endpoint is public (`AllowAny`).
   */
  authenticated?: boolean;
}

/** Words of identifiers and paths: `resetPassword`, `reset_password`, `/auth/reset-password` -> reset, password. */
export function nameWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * The sensitive name fragment an endpoint's names contain, or null. A word
 * matches when it starts with the fragment (`uploads`, `verifying`) or ends with
 * it after a real prefix (`forgotpassword`, `userlogin`; not `preset` for `reset`).
 */
export function sensitiveMatch(names: readonly string[], fragments: readonly string[]): string | null {
  const frags = fragments.map((f) => f.toLowerCase()).filter(Boolean);
  // every match below needs the fragment (or its `-i` form) inside a name: most names have none
  const lower = names.join('\n').toLowerCase().replace(/[-_]/g, '');
  if (!frags.some((f) => lower.includes(f) || (f.endsWith('y') && f.length > 3 && lower.includes(`${f.slice(0, -1)}i`)))) return null;
  for (const n of names) {
    const words = nameWords(n);
    // `sign-in`, `log_in`, `pass-word`: a fragment written as two words
    const pairs = words.slice(1).map((w, i) => words[i] + w).filter((p) => frags.includes(p));
    for (const w of [...words, ...pairs]) {
      for (const f of frags) {
        // `subscriber`, `charger`: the one who does it (a subscriber's e-mail edit subscribes nobody)
        if (f.endsWith('e') && (w === `${f}r` || w === `${f}rs`)) continue;
        if (w.startsWith(f)) return f;
        // verify -> verification, verified
        if (f.endsWith('y') && f.length > 3 && w.startsWith(`${f.slice(0, -1)}i`)) return f;
        if (w.length - f.length >= 3 && w.endsWith(f)) return f;
      }
    }
  }
  return null;
}

/** Methods scripts abuse: creating sessions, codes, charges, uploads. Deleting a token or an upload is not one. */
const MUTATING = new Set(['POST', 'PUT', 'PATCH', '*']);
/** Fragments whose endpoints cost as much on GET as on POST (a CSV export, a backfill run). */
const COSTLY_READS = new Set(['export', 'backfill']);

/** Whether an endpoint answering `methods` can be abused through the sensitive `fragment`. */
export function methodsAtRisk(methods: readonly string[], fragment: string): boolean {
  return COSTLY_READS.has(fragment) || methods.some((m) => MUTATING.has(m));
}

/** A name that says "this limits the request rate": `limiter`, `rate_limit`, `authLimiter`, `throttle`, `slowDown`. */
export const LIMITER_NAME = /rate_?limit|ratelimit|throttl|limiter|slow_?down|speed_?limit/i;

/**
 * Code that counts requests in a shared store and refuses over a limit: Redis `INCR` with
 * `EXPIRE`, a cache `incr`, a 429 answer. Used to recognise the project's own limiters.
 */
export function countsRequests(body: string): boolean {
  const incr = /\.\s*incr(?:by)?\s*\(|\bINCR\b|\.\s*increment\s*\(/i.test(body);
  const expiry = /expire|ttl|setex|pexpire|timeout=/i.test(body);
  const refuses = /\b429\b|TooManyRequests|Throttled|too many requests|rate.?limit/i.test(body);
  return (incr && (expiry || refuses)) || (refuses && /\b(count|hits|attempts|requests)\b/i.test(body) && incr);
}

// ---------------------------------------------------------------------------
// Projects and their files

/** Directories never read for facts (dependencies, output, caches). */
const SKIPPED_DIRS = new Set([
  'node_modules', '.git', '.hg', '.svn', 'dist', 'build', '.next', '.nuxt', '.output', '.venv', 'venv', 'env',
  'site-packages', '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', 'coverage',
  '.turbo', '.vercel', 'bower_components', 'static', 'migrations', 'locale',
]);

export const PY_MARKERS = ['manage.py', 'pyproject.toml', 'setup.py', 'setup.cfg', 'requirements.txt', '.git'];
export const JS_MARKERS = ['package.json', '.git'];

const rootCache = new Map<string, string>();
/** Folders known to lie inside the project of a marker folder (`projectRoot` answers for them without a stat). */
const markedRoots = new Map<string, string>();

/** The nearest folder at or above the file holding one of `markers`: the project the file belongs to. */
export function projectRoot(file: string, markers: readonly string[]): string {
  const start = path.dirname(path.resolve(file));
  const key = `${markers[0]}\0${start}`;
  const hit = rootCache.get(key);
  if (hit) return hit;
  let found = start;
  // every folder passed on the way up to a marker belongs to that project: remember it for their files too
  const passed: string[] = [];
  let marked = false;
  for (let cur = start, i = 0; i < 30; i++) {
    const known = markedRoots.get(`${markers[0]}\0${cur}`);
    if (known) {
      found = known;
      marked = true;
      break;
    }
    // `setup.py` / `manage.py` beside an `__init__.py` are modules of a package (redash's
    // `handlers/setup.py` is its setup wizard's view), not the marks of a project
    if (hasAnyEntry(cur, markers) && !(hasAnyEntry(cur, ['__init__.py']) && !hasAnyEntry(cur, markers.filter((m) => !m.endsWith('.py'))))) {
      found = cur;
      marked = true;
      break;
    }
    passed.push(cur);
    const up = path.dirname(cur);
    if (up === cur) break;
    cur = up;
  }
  if (rootCache.size > 5000) rootCache.clear();
  if (markedRoots.size > 5000) markedRoots.clear();
  // without a marker the file's own folder is its project: nothing to share with the folders above
  if (marked) for (const dir of passed) markedRoots.set(`${markers[0]}\0${dir}`, found);
  rootCache.set(key, found);
  return found;
}

const MAX_FILES = 20_000;
/** How long a project's file list (and the facts gathered over it) is reused: an edit shows within this. */
export const PROJECT_TTL_MS = 10_000;
const MAX_FACT_BYTES = 512 * 1024;

/**
 * The files of a project with one of `exts`, not descending into folders that are their own
 * project (a nested folder holding a marker: another app of a monorepo, a fixture project).
 * Listed once per few seconds per (root, exts).
 */
const lists = new Map<string, { at: number; files: string[] }>();
export function projectFiles(root: string, exts: readonly string[], markers: readonly string[]): string[] {
  const key = `${root}\0${exts.join(',')}`;
  const now = Date.now();
  const hit = lists.get(key);
  if (hit && fresh(hit.at, PROJECT_TTL_MS, now)) return hit.files;
  return sharedFacts(() => listProject(key, root, exts, markers, now));
}

function listProject(key: string, root: string, exts: readonly string[], markers: readonly string[], now: number): string[] {
  const files: string[] = [];
  const walk = (dir: string, top: boolean): void => {
    if (files.length >= MAX_FILES) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (!top && entries.some((e) => e.isFile() && markers.includes(e.name) && e.name !== '.git')) return;
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.')) walk(path.join(dir, e.name), false);
      } else if (e.isFile() && exts.some((x) => e.name.endsWith(x)) && !e.name.endsWith('.d.ts')) {
        files.push(path.join(dir, e.name));
      }
    }
  };
  walk(root, true);
  lists.set(key, { at: now, files });
  return files;
}

/**
 * The first match of `re` in the project's Python modules (those whose path matches `only`, when
 * given; never `x.fixed.py`, which no import can reach): its first group, else the whole match;
 * null when none. A text search, kept for PROJECT_TTL_MS per project and pattern: the cheap way to
 * ask about one setting (`DEFAULT_PAGINATION_CLASS`, `ATOMIC_REQUESTS = True`) or one model field
 * without the parsed project facts.
 */
const textSearches = new Map<string, { at: number; value: string | null }>();
export function projectTextMatch(file: string, re: RegExp, only?: RegExp): string | null {
  if (!path.isAbsolute(file)) return null;
  const root = projectRoot(file, PY_MARKERS);
  const key = `${root}\0${re.source}\0${re.flags}\0${only?.source ?? ''}`;
  const now = Date.now();
  const hit = textSearches.get(key);
  if (hit && fresh(hit.at, PROJECT_TTL_MS, now)) return hit.value;
  let value: string | null = null;
  for (const f of projectFiles(root, ['.py'], PY_MARKERS)) {
    if (path.basename(f, '.py').includes('.') || (only && !only.test(f))) continue;
    const m = re.exec(readTextFile(f) ?? '');
    if (m) {
      value = m[1] ?? m[0];
      break;
    }
  }
  if (textSearches.size > 500) textSearches.clear();
  textSearches.set(key, { at: now, value });
  return value;
}

/**
 * Facts of one file, computed once per file version: `read(file, text)` runs again only when
 * the file's mtime or size changes. `wants` is a cheap textual test: files without it
 * contribute nothing and are never parsed.
 */
export class FactsIndex<T> {
  private readonly entries = new Map<string, { mtimeMs: number; size: number; value: T | null }>();

  constructor(
    private readonly wants: RegExp,
    private readonly read: (file: string, text: string) => T | null,
  ) {}

  get(file: string): T | null {
    const stat = statPath(file);
    if (!stat) return null;
    const hit = this.entries.get(file);
    if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.value;
    return sharedFacts(() => this.load(file, stat));
  }

  private load(file: string, stat: { mtimeMs: number; size: number }): T | null {
    let value: T | null = null;
    if (stat.size <= MAX_FACT_BYTES) {
      try {
        const text = fs.readFileSync(file, 'utf8');
        this.wants.lastIndex = 0;
        value = this.wants.test(text) ? this.read(file, text) : null;
      } catch {
        value = null;
      }
    }
    if (this.entries.size > 50_000) this.entries.clear();
    this.entries.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, value });
    return value;
  }

  /** Facts of every file of the list that has any. */
  all(files: readonly string[]): Array<{ file: string; facts: T }> {
    const out: Array<{ file: string; facts: T }> = [];
    for (const f of files) {
      const v = this.get(f);
      if (v) out.push({ file: f, facts: v });
    }
    return out;
  }
}
