/**
 * Workspace scanning: linting the discovered files on every core.
 *
 * Linting runs in worker threads (`server/out/worker.js` beside the bundle;
 * in development through tsx the bundle does not exist and files are linted
 * in-process), files handed out in batches of neighbouring files (batches.ts), and
 * each file's report sent back as soon as it is done. Each worker initialises the
 * Python parser once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import { loadCache, saveCache } from './cache';
import type { CacheEntry, CacheOptions } from './cache';
import { moduleName, readAndScan } from './report';
import type { FileReport, ScanOptions } from './report';
import { beginStableScan, endStableScan } from '../lang/snapshot';
import { BatchPlan } from './batches';
import type { ResolvedConfig } from './config';

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
  /** Called with each file's report as it is made (in file order per worker, not overall). */
  onReport?: (report: FileReport) => void;
  /** Asked before each batch a worker would take and before each file linted in-process: true stops the scan (the result then holds the files done). */
  cancelled?: () => boolean;
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
 * (a file no real project has) exits, and its files are linted in-process. The young generation
 * is 24 MB (semi-spaces of 8 MB): 32 held 40 MB more at the corpus peak (two workers: 410-434 ->
 * 364-386 MiB), and scavenging in the smaller one costs about 0.5% more CPU (a one-thread scan
 * of the corpus: 1.59 -> 1.72 s of scavenges in 24 s).
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 24 };

/** Below this many bytes, starting workers costs more than it saves. */
const WORKER_THRESHOLD_BYTES = 1_500_000;

/** Threads a scan may use: `jobs` (default: the cores), never more than the cores (more only add parsers and heaps that wait for a core). */
function scanJobs(jobs?: number): number {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  return Math.max(1, Math.min(jobs ?? cores, cores));
}

/**
 * Whether a scan of `files` files and `bytes` bytes runs in worker threads (the default options).
 * An in-process scan is one synchronous loop, so a caller that must stay responsive (the language
 * server) hands it small chunks; a worker scan stays responsive and keeps its workers' caches
 * (parsed imported modules, project facts) for all its files when given them in one call.
 */
export function scanUsesWorkers(files: number, bytes: number): boolean {
  return workersPay(defaultWorkerPath(), scanJobs(), files, bytes, false);
}

/** Workers for a scan of `files` files and `bytes` bytes: a worker bundle, two threads or more, and enough work (or the caller insists). */
function workersPay(workerPath: string | null, jobs: number, files: number, bytes: number, force: boolean): boolean {
  return !!workerPath && jobs > 1 && files > 1 && (force || bytes >= WORKER_THRESHOLD_BYTES);
}

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
    opts.onReport?.(r);
    // a file changed within the clock's resolution of the scan may change again unseen: do not cache it
    if (!r.failed && Date.now() - item.mtimeMs > 2000) {
      nextCache.set(r.path, { mtimeMs: item.mtimeMs, size: item.size, report: { ...r, logs: [], timing: undefined } });
    }
    done++;
    opts.onProgress?.(done, total);
  };

  const jobs = scanJobs(opts.jobs);
  const workerPath = opts.workerPath === undefined ? defaultWorkerPath() : opts.workerPath;
  const totalBytes = todo.reduce((s, x) => s + x.size, 0);
  const useWorkers = workersPay(workerPath, jobs, todo.length, totalBytes, !!opts.forceWorkers);
  let workers = 0;
  let inProcess = todo;
  if (useWorkers) {
    workers = Math.min(jobs, todo.length);
    const left = new Set(await runInWorkers(workerPath!, workers, todo, opts, record, opts.log ?? (() => undefined)));
    // what a cancelled scan left is not linted here
    inProcess = opts.cancelled?.() ? [] : todo.filter((t) => left.has(t.path));
  }
  if (inProcess.length) {
    const { initPython } = await import('../lang/python/parser');
    await initPython();
    // the loop is synchronous: nothing can change the files the caches read until it ends
    beginStableScan();
    try {
      for (const item of inProcess) {
        if (opts.cancelled?.()) break;
        record(readAndScan(item.path, opts), item);
      }
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
/**
 * What a worker sends: `reports` streams the reports of a batch's files as they are done, a few
 * at a time (see worker.ts: one message per file woke the main thread 6,800 times on the
 * reference corpus), and `done` ends a batch, with the reports not sent yet.
 */
export type FromWorker = { type: 'ready' } | { type: 'reports'; id: number; reports: FileReport[] } | { type: 'done'; id: number; reports: FileReport[] } | { type: 'fatal'; message: string };

/**
 * A scan worker running `workerPath`: through the V8 code cache when the bundles' loader is
 * beside it (server/out/code-cache.js; compiling the worker bundle and the TypeScript compiler
 * takes a worker 0.39 s of CPU, 0.13 s with the cache), else the file itself.
 */
function startWorker(workerPath: string, init: WorkerInit): Worker {
  const loader = path.join(path.dirname(workerPath), 'code-cache.js');
  if (process.env.SHIPGUARD_NO_CODE_CACHE === '1' || !fs.existsSync(loader)) return new Worker(workerPath, { workerData: init, resourceLimits: WORKER_HEAP });
  const boot = `require(${JSON.stringify(loader)}).runWorker(${JSON.stringify(workerPath)});`;
  return new Worker(boot, { eval: true, workerData: init, resourceLimits: WORKER_HEAP });
}

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
      const paths = opts.cancelled?.() ? null : plan.next(index);
      if (!paths) {
        w.postMessage({ type: 'exit' } satisfies ToWorker);
        retire(w);
        return;
      }
      pending.set(w, paths);
      w.postMessage({ type: 'batch', id: ++batchId, paths } satisfies ToWorker);
    };
    for (let i = 0; i < count; i++) {
      const w = startWorker(workerPath, init);
      w.on('message', (m: FromWorker) => {
        if (m.type === 'ready') feed(w, i);
        else if (m.type === 'reports' || m.type === 'done') {
          for (const report of m.reports) record(report, byPath.get(report.path) ?? { size: report.bytes, mtimeMs: 0 });
          if (m.type === 'done') {
            pending.delete(w);
            feed(w, i);
          } else {
            // reports stream in as files are done: the batch's unreported paths are what a crash would leave
            const left = pending.get(w);
            const reported = new Set(m.reports.map((r) => r.path));
            if (left) pending.set(w, left.filter((p) => !reported.has(p)));
          }
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
