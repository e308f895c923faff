/**
 * Loading the bundles through a V8 code cache (bundled to server/out/code-cache.js).
 *
 * The bundles are large (the CLI 4 MB, a scan worker 3 MB, the TypeScript compiler 10 MB) and
 * compiling them is most of a cold one-file run and of a scan worker's start. So the command
 * (bin/shipguard.js) and every scan worker load them through a code cache: the first load
 * compiles as usual and then writes what V8 compiled (the functions that ran too) to a cache
 * file; later loads hand that to V8 and skip the compilation. A cache file is named after its
 * bundle's size and mtime (a rebuild gets a new one), V8 rejects data that does not match the
 * source, and it is written atomically beside the bundle, or in the temp directory when that
 * folder is read-only. SHIPGUARD_NO_CODE_CACHE=1 loads the bundles plainly.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import Module from 'node:module';
import { threadId } from 'node:worker_threads';

/**
 * When the cache of a bundle loaded without one is written: at the process's exit (the command),
 * or at the next flushCodeCaches (a scan worker, which is terminated at the scan's end, flushes
 * after each batch).
 */
export type WriteWhen = 'exit' | 'flush';

declare global {
  // eslint-disable-next-line no-var
  var __shipguardLoadModule: ((file: string) => unknown) | undefined;
  /** set in a worker started by runWorker: writes the caches its loads still owe */
  // eslint-disable-next-line no-var
  var __shipguardFlushCodeCaches: (() => void) | undefined;
}

const owed: Array<() => void> = [];

/** Writes the caches of the bundles loaded without one since the last flush. */
export function flushCodeCaches(): void {
  for (const write of owed.splice(0)) write();
}

/** Whether loads go through the cache here. */
export function codeCacheUsable(): boolean {
  return process.env.SHIPGUARD_NO_CODE_CACHE !== '1' && typeof vm.Script.prototype.createCachedData === 'function';
}

function cacheFiles(file: string, stat: fs.Stats): string[] {
  const name = `${path.basename(file)}.${stat.size}-${Math.floor(stat.mtimeMs)}.v8cache`;
  let user = 'user';
  try {
    user = String(os.userInfo().uid);
  } catch {
    // no user info: one shared name
  }
  return [path.join(path.dirname(file), name), path.join(os.tmpdir(), `shipguard-${user}`, name)];
}

function writeAtomic(file: string, data: Buffer): boolean {
  // two worker threads of one process may write the same cache at once: the temp name is the thread's
  const tmp = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
    return true;
  } catch {
    fs.rmSync(tmp, { force: true });
    return false;
  }
}

function writeCache(script: vm.Script, file: string, files: string[]): void {
  try {
    const data = script.createCachedData();
    const stale = new RegExp(`^${path.basename(file).replace(/\./g, '\\.')}\\..*\\.v8cache$`);
    for (const f of files) {
      if (!writeAtomic(f, data)) continue;
      // the caches of earlier builds are dead weight
      for (const old of fs.readdirSync(path.dirname(f))) {
        if (stale.test(old) && old !== path.basename(f)) fs.rmSync(path.join(path.dirname(f), old), { force: true });
      }
      break;
    }
  } catch {
    // no cache this time: the next load compiles again
  }
}

/** Runs a CommonJS file through the V8 code cache (compiled once, then loaded from the cache); its exports. */
export function loadWithCodeCache(file: string, when: WriteWhen, parent?: NodeJS.Module): unknown {
  const stat = fs.statSync(file);
  const files = cacheFiles(file, stat);
  let cachedData: Buffer | undefined;
  for (const f of files) {
    try {
      cachedData = fs.readFileSync(f);
      break;
    } catch {
      // not there: try the next place
    }
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    // written late, so the functions that ran by then are in it too
    if (when === 'exit') process.once('exit', () => writeCache(script, file, files));
    else owed.push(() => writeCache(script, file, files));
  }
  const M = Module as unknown as { new (id: string, parent?: NodeJS.Module): NodeJS.Module; _nodeModulePaths(dir: string): string[] };
  const mod = new M(file, parent);
  mod.filename = file;
  mod.paths = M._nodeModulePaths(path.dirname(file));
  const req = Module.createRequire(file);
  (req as { main?: NodeJS.Module }).main = require.main;
  (script.runInThisContext() as (...a: unknown[]) => void)(mod.exports, req, mod, file, path.dirname(file));
  mod.loaded = true;
  return mod.exports;
}

/** Makes the bundles' lazily loaded parts (the TypeScript compiler, see esbuild.mjs) come through the cache too. */
export function cacheLazyLoads(when: WriteWhen): void {
  const loaded = new Map<string, unknown>();
  globalThis.__shipguardLoadModule = (file) => {
    if (!loaded.has(file)) loaded.set(file, loadWithCodeCache(file, when));
    return loaded.get(file);
  };
}

/** How a scan worker thread starts (see engine/workspace.ts): its bundle and the compiler through the cache, written after a batch. */
export function runWorker(file: string): void {
  if (!codeCacheUsable()) {
    require(file);
    return;
  }
  globalThis.__shipguardFlushCodeCaches = flushCodeCaches;
  cacheLazyLoads('flush');
  loadWithCodeCache(file, 'flush');
}
