/**
 * How cross-file readers (module lookup, imported modules' bindings, project
 * facts, library reach) see the file system.
 *
 * By default (the language server, tests, `shipguard fix`) files change while
 * the process runs: every stat goes to the disk, and what is kept across lints
 * is re-validated by modification time or forgotten after a few seconds.
 *
 * A scan reads a fixed set of files once each and nothing changes them under
 * it, so for its duration (`beginStableScan()` .. `endStableScan()`: a scan
 * worker's life, the CLI's in-process scan loop) a stat is asked once per
 * path, and the caches keep their answers instead of forgetting them on a
 * timer. Each worker of a scan then reads a project's facts, and each module's
 * imports, once.
 *
 * Outside a scan, one lint is still one view of the files (`withPinnedStats`): while it runs a
 * stat is asked once per path, so the answers it checks by modification time cost one stat per
 * module, not one per answer.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

let stableDepth = 0;
/** Depth of `withPinnedStats` calls outside a stable scan. */
let pinnedDepth = 0;
let scanCount = 0;
let currentScan = 0;

interface StatInfo {
  isFile: boolean;
  isDir: boolean;
  size: number;
  mtimeMs: number;
}

const stats = new Map<string, StatInfo | null>();
/** Lower-case entry names of each folder listed during a stable scan; null: the folder does not exist. */
const listings = new Map<string, Set<string> | null>();

export function stableScan(): boolean {
  return stableDepth > 0;
}

export function beginStableScan(): void {
  if (stableDepth++ === 0) currentScan = ++scanCount;
}

/**
 * An id of the stable scan under way (0 when none): a cache of answers that are only valid
 * while files do not change keeps them for one scan id and starts over with the next.
 */
export function stableScanId(): number {
  return stableDepth > 0 ? currentScan : 0;
}

export function endStableScan(): void {
  if (stableDepth > 0 && --stableDepth === 0) {
    stats.clear();
    listings.clear();
  }
}

/**
 * Runs `fn` with every stat asked once per path, forgotten when it returns: what one lint (or
 * one fix pass) reads is one view of the files. Inside a stable scan, stats are kept anyway.
 */
export function withPinnedStats<T>(fn: () => T): T {
  if (stableDepth > 0) return fn();
  pinnedDepth++;
  try {
    return fn();
  } finally {
    if (--pinnedDepth === 0 && stableDepth === 0) stats.clear();
  }
}

/**
 * Whether `p` surely does not exist, from its folder's listing (read once per folder during a
 * stable scan): module lookups probe many candidate names (`x.py`, `x/__init__.py`, `x.ts`,
 * `x/index.ts`, ...), most of them absent. Only for ASCII names (a listing may spell others in
 * another Unicode normal form) and only when the folder could be listed.
 */
function surelyAbsent(p: string): boolean {
  const base = path.basename(p);
  if (!base || !/^[\x20-\x7e]+$/.test(base)) return false;
  const names = folderListing(path.dirname(p));
  if (names === null) return true;
  return !!names && !names.has(base.toLowerCase());
}

/**
 * The lower-case entry names of `dir` (lower case: a case-insensitive file system finds
 * `Package.json` for `package.json`), listed once per folder during a stable scan; null when the
 * folder is not there (or is a file), undefined when it could not be listed.
 */
function folderListing(dir: string): Set<string> | null | undefined {
  const kept = stableDepth > 0 ? listings.get(dir) : undefined;
  if (kept !== undefined) return kept?.has('\0unlisted') ? undefined : kept;
  let names: Set<string> | null;
  try {
    names = new Set(fs.readdirSync(dir).map((n) => n.toLowerCase()));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // a folder that is not there (or is a file) has no entries; any other error: ask stat itself
    names = code === 'ENOENT' || code === 'ENOTDIR' ? null : new Set<string>(['\0unlisted']);
  }
  if (stableDepth > 0) {
    if (listings.size > 50_000) listings.clear();
    listings.set(dir, names);
  }
  return names?.has('\0unlisted') ? undefined : names;
}

/** `fs.statSync` (following links) or null when the path cannot be stat'ed; asked once per path during a stable scan or a `withPinnedStats` call. */
export function statPath(p: string): StatInfo | null {
  const keep = stableDepth > 0 || pinnedDepth > 0;
  if (keep) {
    const hit = stats.get(p);
    if (hit !== undefined) return hit;
    if (stableDepth > 0 && surelyAbsent(p)) {
      stats.set(p, null);
      return null;
    }
  }
  let info: StatInfo | null;
  try {
    const st = fs.statSync(p);
    info = { isFile: st.isFile(), isDir: st.isDirectory(), size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    info = null;
  }
  if (keep) {
    if (stats.size > 200_000) stats.clear();
    stats.set(p, info);
  }
  return info;
}

/** The UTF-8 text of a file, or null when it is not a readable file (a folder, missing, no permission). */
export function readTextFile(p: string): string | null {
  try {
    return statPath(p)?.isFile ? fs.readFileSync(p, 'utf8') : null;
  } catch {
    return null;
  }
}

/** A cache that forgets everything every `ms` (the editor may change files), except during a stable scan. */
export function forgetEvery(ms: number, clear: () => void): void {
  setInterval(() => {
    if (stableDepth === 0) clear();
  }, ms).unref();
}

/** Whether an entry made at `at` is still fresh after `ttlMs`: always during a stable scan. */
export function fresh(at: number, ttlMs: number, now = Date.now()): boolean {
  return stableDepth > 0 || now - at < ttlMs;
}

/**
 * Whether `dir` holds an entry (a file, a folder, a link to one) named one of `names`: what
 * `names.some((n) => statPath(join(dir, n)))` answers, with one listing of the folder instead of
 * a stat per name (a stat only for a name the listing has, to follow links and see they resolve).
 */
export function hasAnyEntry(dir: string, names: readonly string[]): boolean {
  // during a stable scan a folder is listed once (project-root and test-folder questions ask of
  // the same folders for every file below them)
  const listed = folderListing(dir);
  if (listed === null) return false;
  if (!listed) return names.some((n) => statPath(path.join(dir, n)) !== null);
  return names.some((n) => listed.has(n.toLowerCase()) && statPath(path.join(dir, n)) !== null);
}
