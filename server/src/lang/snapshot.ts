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
 *
 * And outside a scan, what the cross-file caches derived from stats and folder listings (module
 * lookups, package bases, project roots, test folders, the library reach) stays valid while none
 * of those answers changes: each stat and listing is noted (its first answer since the last
 * change), and every RECHECK_MS the notes are asked of the disk again, off any lint (in slices,
 * between events). When one differs (a file created, deleted, saved), every cache registered with
 * `forgetOnChange` is emptied and the notes start over. So typing in one file keeps its lookups
 * from lint to lint, and a change elsewhere is seen within about RECHECK_MS, as when the caches
 * were emptied on a timer whether or not anything had changed.
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

/** How often the noted stats and listings are asked of the disk again outside a scan. */
const RECHECK_MS = 2000;
/** More notes than this: forget everything instead of checking them (a bounded check). */
const MAX_NOTES = 20_000;
/** Stats and listings noted outside a scan since the last change: path (a listing: NUL + folder) -> what it answered. */
const notes = new Map<string, string>();
const onChange: Array<() => void> = [];
let generation = 0;
let rechecking = false;

function statNote(info: StatInfo | null): string {
  if (!info) return '-';
  return info.isFile ? `f${info.size}:${info.mtimeMs}` : info.isDir ? 'd' : 'o';
}

function note(key: string, answer: string): void {
  if (stableDepth > 0 || notes.has(key)) return;
  if (notes.size >= MAX_NOTES) {
    filesChanged();
    return;
  }
  notes.set(key, answer);
}

/** Empties every cache registered with forgetOnChange and starts the notes over. */
function filesChanged(): void {
  notes.clear();
  generation++;
  for (const clear of onChange) clear();
}

function listingNote(names: Set<string> | null | undefined): string {
  return names === undefined ? '?' : names === null ? '-' : [...names].sort().join('/');
}

function askAgain(key: string): string {
  return key.startsWith('\0') ? listingNote(readListing(key.slice(1))) : statNote(statOnDisk(key));
}

/** Whether one of the notes todo[from..to) answers otherwise now. */
function changedAmong(todo: ReadonlyArray<[string, string]>, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (askAgain(todo[i][0]) !== todo[i][1]) return true;
  return false;
}

/** Asks every note of the disk again, a slice at a time between events; a difference empties the caches. */
function recheck(): void {
  if (rechecking || stableDepth > 0 || !notes.size) return;
  rechecking = true;
  const todo = [...notes];
  const at = generation;
  let i = 0;
  const slice = (): void => {
    // a change seen meanwhile (or a scan begun) ends this check
    if (generation !== at || stableDepth > 0) {
      rechecking = false;
      return;
    }
    const end = Math.min(todo.length, i + 200);
    if (changedAmong(todo, i, end)) {
      rechecking = false;
      filesChanged();
      return;
    }
    i = end;
    if (i < todo.length) setImmediate(slice);
    else rechecking = false;
  };
  slice();
}

/** The check the timer makes, all at once: whether a noted answer changed (then the caches are emptied). */
export function checkFilesNow(): boolean {
  if (stableDepth > 0) return false;
  const todo = [...notes];
  if (!changedAmong(todo, 0, todo.length)) return false;
  filesChanged();
  return true;
}

setInterval(recheck, RECHECK_MS).unref();

/**
 * Registers `clear`, which empties a cache whose answers follow from stats and folder listings
 * (through statPath, isFile-like helpers, hasAnyEntry): it runs when a noted answer changes,
 * outside a scan (a scan's files do not change).
 */
export function forgetOnChange(clear: () => void): void {
  onChange.push(clear);
}

/** Advances each time the files are seen to have changed (see forgetOnChange): an answer kept with one is good while it is current. */
export function filesGeneration(): number {
  return generation;
}

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
    // what the caches learnt during the scan was not noted: they start over
    filesChanged();
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
  const names = readListing(dir);
  if (stableDepth > 0) {
    if (listings.size > 50_000) listings.clear();
    listings.set(dir, names === undefined ? new Set<string>(['\0unlisted']) : names);
  } else note(`\0${dir}`, listingNote(names));
  return names;
}

/** The lower-case entry names of `dir`: null when it is not there (or is a file), undefined when it could not be listed. */
function readListing(dir: string): Set<string> | null | undefined {
  try {
    return new Set(fs.readdirSync(dir).map((n) => n.toLowerCase()));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // a folder that is not there (or is a file) has no entries; any other error: ask stat itself
    return code === 'ENOENT' || code === 'ENOTDIR' ? null : undefined;
  }
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
  const info = statOnDisk(p);
  if (keep) {
    if (stats.size > 200_000) stats.clear();
    stats.set(p, info);
  }
  note(p, statNote(info));
  return info;
}

function statOnDisk(p: string): StatInfo | null {
  try {
    const st = fs.statSync(p);
    return { isFile: st.isFile(), isDir: st.isDirectory(), size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return null;
  }
}

/** The UTF-8 text of a file, or null when it is not a readable file (a folder, missing, no permission). */
export function readTextFile(p: string): string | null {
  try {
    return statPath(p)?.isFile ? fs.readFileSync(p, 'utf8') : null;
  } catch {
    return null;
  }
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
