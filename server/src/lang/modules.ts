/**
 * What cross-file name resolution shares across languages: finding a project
 * module's file (memoised per importing folder for a short window, since a
 * scan resolves the same imports in every file of a folder), loading its
 * bindings once per file version (bounded cache), and a depth guard against
 * import cycles.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const MAX_MODULE_BYTES = 512 * 1024;
const MAX_DEPTH = 4;

/** Memoises `find(fromFile, spec)` per (folder of fromFile, spec); forgets everything every 2 s. */
export function memoModuleLookup(find: (fromFile: string, spec: string) => string | null): (fromFile: string, spec: string) => string | null {
  const cache = new Map<string, string | null>();
  setInterval(() => cache.clear(), 2000).unref();
  return (fromFile, spec) => {
    const key = `${path.dirname(fromFile)}\0${spec}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const found = find(fromFile, spec);
    if (cache.size > 20_000) cache.clear();
    cache.set(key, found);
    return found;
  };
}

let depth = 0;

/** Loads a module file's bindings once per file version; answers a depth-guarded view of them. */
export class ModuleCache<T extends object> {
  private readonly entries = new Map<string, { mtimeMs: number; value: T }>();

  constructor(
    private readonly load: (file: string, text: string) => T,
    private readonly limit = 256,
  ) {}

  get(file: string): T | null {
    if (depth > MAX_DEPTH) return null;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return null;
    }
    if (!stat.isFile() || stat.size > MAX_MODULE_BYTES) return null;
    const hit = this.entries.get(file);
    if (hit && hit.mtimeMs === stat.mtimeMs) return guard(hit.value);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return null;
    }
    const value = this.load(file, text);
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(file, { mtimeMs: stat.mtimeMs, value });
    return guard(value);
  }
}

/** Every method call on another module's bindings counts one level of depth while it runs (import cycles end). */
function guard<T extends object>(b: T): T {
  return new Proxy(b, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        depth++;
        try {
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        } finally {
          depth--;
        }
      };
    },
  });
}

export function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

export function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
