/**
 * What cross-file name resolution shares across languages: finding a project
 * module's file (memoised per importing folder for a short window, since a
 * scan resolves the same imports in every file of a folder), answering
 * questions about its bindings once per file version (see ModuleCache), and a
 * depth guard against import cycles.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detached } from '../text/strings';
import { forgetOnChange, statPath } from './snapshot';

const MAX_MODULE_BYTES = 512 * 1024;
const MAX_DEPTH = 4;

/** Memoises `find(fromFile, spec)` per (folder of fromFile, spec); forgotten when the files are seen to change (forgetOnChange). */
export function memoModuleLookup(find: (fromFile: string, spec: string) => string | null): (fromFile: string, spec: string) => string | null {
  const cache = new Map<string, string | null>();
  forgetOnChange(() => cache.clear());
  return (fromFile, spec) => {
    const key = `${path.dirname(fromFile)}\0${spec}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const found = find(fromFile, spec);
    if (cache.size > 20_000) cache.clear();
    // the spec is cut from the importing file's text: the key must not keep that text alive
    cache.set(detached(key), found === null ? null : detached(found));
    return found;
  };
}

let depth = 0;

interface Dep {
  file: string;
  mtimeMs: number;
  size: number;
}

interface Answer {
  value: unknown;
  /** every module file the answer was computed from (itself included), at the version it was read */
  deps: Dep[];
}

interface Entry<T> {
  mtimeMs: number;
  size: number;
  answers: Map<string, Answer>;
  /** the loaded bindings, while they are in the small LRU of loaded modules */
  loaded: T | null;
  /** what the bindings can tell without their tree, taken when they left the LRU */
  summary: ModuleSummary | null;
}

/** The answer of a ModuleSummary that cannot be given without the module's tree. */
export const NEEDS_TREE: unique symbol = Symbol('needs the tree');

/**
 * A module's answers that need no syntax tree, made from its bindings before the tree is
 * dropped: `answer(method, args)` is what the bindings' method would return, or NEEDS_TREE.
 * It may ask other modules (through their caches), never its own tree.
 */
export interface ModuleSummary {
  answer(method: string, args: readonly unknown[]): unknown;
}

/** The answer being computed now, innermost last: what it read, and whether the depth guard cut it short. */
interface Frame {
  deps: Map<string, Dep>;
  truncated: boolean;
}
const frames: Frame[] = [];

/** Total answers kept per cache before it starts over (answers are short strings). */
const MAX_ANSWERS = 50_000;

/**
 * Cross-file answers about a module, once per file version.
 *
 * `get(file)` gives a view of the module's bindings whose method calls
 * (`resolveExport(name)` and the like: primitive arguments, primitive results)
 * are memoised per file version. The bindings themselves (a whole syntax tree)
 * are kept only in a small LRU bounded by source bytes, since a scan that kept
 * every imported module's tree held hundreds of MiB per worker; an answer
 * outlives its tree and stays valid while every module file it read (its
 * transitive imports included) is unchanged. With `summarize`, a module whose
 * tree leaves the LRU leaves a summary behind, which answers questions not
 * asked yet (another name of the same module) without parsing it again.
 */
export class ModuleCache<T extends object> {
  private readonly entries = new Map<string, Entry<T>>();
  /** loaded bindings, least recently used first, with their source sizes */
  private readonly loaded = new Map<string, number>();
  private loadedBytes = 0;
  private answerCount = 0;
  /** property names of T that are methods (answers to memoise), learnt on first use */
  private readonly methodProps = new Set<string | symbol>();

  constructor(
    private readonly load: (file: string, text: string) => T,
    /** source bytes of the modules whose bindings stay loaded (at least the last one always does) */
    private readonly loadedLimit = 256 * 1024,
    /** what a module's bindings can answer once their tree is dropped: a module asked about another name then is not parsed again */
    private readonly summarize?: (bindings: T) => ModuleSummary,
  ) {}

  get(file: string): T | null {
    if (depth > MAX_DEPTH) {
      for (const f of frames) f.truncated = true;
      return null;
    }
    const stat = statPath(file);
    if (!stat || !stat.isFile || stat.size > MAX_MODULE_BYTES) return null;
    let entry = this.entries.get(file);
    if (!entry || entry.mtimeMs !== stat.mtimeMs || entry.size !== stat.size) {
      if (entry) this.unload(file, entry);
      entry = { mtimeMs: stat.mtimeMs, size: stat.size, answers: new Map(), loaded: null, summary: null };
      this.entries.set(file, entry);
    }
    const dep: Dep = { file, mtimeMs: stat.mtimeMs, size: stat.size };
    frames[frames.length - 1]?.deps.set(file, dep);
    return this.view(file, entry, dep);
  }

  private view(file: string, entry: Entry<T>, self: Dep): T {
    return new Proxy({} as T, {
      get: (_target, prop) => {
        // Plain data (a tree's `root`, a source file's `statements`) is handed out as it
        // is: only method calls are memoised. Which properties are methods is learnt
        // once per cache, so a memoised call never loads the module to find out.
        if (!this.methodProps.has(prop)) {
          const b = this.bindings(file, entry);
          if (!b) return undefined;
          const v = Reflect.get(b, prop, b);
          if (typeof v !== 'function') {
            frames[frames.length - 1]?.deps.set(file, self);
            return v;
          }
          this.methodProps.add(prop);
        }
        return (...args: unknown[]) => {
          const memo = args.every((a) => a === undefined || typeof a !== 'object') && typeof prop === 'string';
          const key = memo ? `${prop}\0${args.map(String).join('\0')}` : '';
          const hit = memo ? entry.answers.get(key) : undefined;
          if (hit && hit.deps.every((d) => d.file === file || unchanged(d))) {
            const top = frames[frames.length - 1];
            if (top) for (const d of hit.deps) top.deps.set(d.file, d);
            return hit.value;
          }
          const frame: Frame = { deps: new Map([[file, self]]), truncated: false };
          frames.push(frame);
          depth++;
          let value: unknown = NEEDS_TREE;
          try {
            if (entry.summary && !entry.loaded && typeof prop === 'string') value = entry.summary.answer(prop, args);
            if (value === NEEDS_TREE) {
              const b = this.bindings(file, entry);
              if (!b) return undefined;
              const v = Reflect.get(b, prop, b);
              value = typeof v === 'function' ? (v as (...a: unknown[]) => unknown).apply(b, args) : v;
            }
          } finally {
            depth--;
            frames.pop();
            const parent = frames[frames.length - 1];
            if (parent) {
              for (const d of frame.deps.values()) parent.deps.set(d.file, d);
              if (frame.truncated) parent.truncated = true;
            }
          }
          if (memo && !frame.truncated && (value === undefined || typeof value !== 'object')) {
            if (this.answerCount >= MAX_ANSWERS) this.forgetAnswers();
            if (!entry.answers.has(key)) this.answerCount++;
            // keys and answers are names cut from the asking and the asked module's texts: kept as copies
            entry.answers.set(detached(key), { value: typeof value === 'string' ? detached(value) : value, deps: [...frame.deps.values()] });
          }
          return value;
        };
      },
    });
  }

  /** The module's bindings, loaded (parsed) when not in the LRU. */
  private bindings(file: string, entry: Entry<T>): T | null {
    if (entry.loaded) {
      const size = this.loaded.get(file)!;
      this.loaded.delete(file);
      this.loaded.set(file, size);
      return entry.loaded;
    }
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return null;
    }
    entry.loaded = this.load(file, text);
    this.loaded.set(file, text.length);
    this.loadedBytes += text.length;
    for (const [f, size] of this.loaded) {
      if (this.loadedBytes <= this.loadedLimit || f === file) break;
      const e = this.entries.get(f);
      if (e?.loaded) {
        if (this.summarize && !e.summary) e.summary = this.summarize(e.loaded);
        e.loaded = null;
      }
      this.loaded.delete(f);
      this.loadedBytes -= size;
    }
    return entry.loaded;
  }

  private unload(file: string, entry: Entry<T>): void {
    this.answerCount -= entry.answers.size;
    const size = this.loaded.get(file);
    if (size !== undefined) {
      this.loaded.delete(file);
      this.loadedBytes -= size;
    }
    entry.loaded = null;
    entry.summary = null;
  }

  private forgetAnswers(): void {
    for (const e of this.entries.values()) e.answers.clear();
    this.answerCount = 0;
  }
}

/** Whether a module file is still at the version an answer read. */
function unchanged(d: Dep): boolean {
  const st = statPath(d.file);
  return !!st && st.mtimeMs === d.mtimeMs && st.size === d.size;
}

export function isFile(p: string): boolean {
  return statPath(p)?.isFile ?? false;
}

export function isDir(p: string): boolean {
  return statPath(p)?.isDir ?? false;
}
