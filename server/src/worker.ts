/**
 * Worker thread for workspace scans (bundled to server/out/worker.js).
 *
 * Receives the resolved config once (workerData), initialises the Python
 * parser once, then lints batches of file paths it reads itself, answering
 * with one report per file. See engine/workspace.ts for the protocol. A worker
 * lives for one scan: its cross-file caches treat the files as stable.
 *
 * It sits beside server.ts and cli/main.ts, the other entry points, because it composes the
 * engine with the rules: the engine itself never imports rules/.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { initPython } from './lang/python/parser';
import { type FileReport, readAndScan } from './engine/report';
import { type FromWorker, type ToWorker, type WorkerInit } from './engine/workspace';
import { RULES } from './rules';
import { beginStableScan } from './lang/snapshot';

/** Reports are sent once this many are done, or this long after the last message (and at a batch's end). */
const REPORTS_AT_ONCE = 32;
const REPORT_EVERY_MS = 100;

const port = parentPort;
if (port) {
  const init = workerData as WorkerInit;
  const send = (m: FromWorker) => port.postMessage(m);
  // a worker lives for one scan, during which the files it reads do not change
  beginStableScan();
  initPython().then(
    () => {
      port.on('message', (m: ToWorker) => {
        if (m.type === 'exit') {
          port.close();
          return;
        }
        // reports go out as files are done, a few at a time: nothing of a file but its report outlives its lint here
        let reports: FileReport[] = [];
        let sentAt = performance.now();
        for (const p of m.paths) {
          reports.push(readAndScan(p, { rules: RULES, config: init.config, only: init.only, computeFixes: init.computeFixes, timing: init.timing }));
          if (reports.length >= REPORTS_AT_ONCE || performance.now() - sentAt >= REPORT_EVERY_MS) {
            send({ type: 'reports', id: m.id, reports });
            reports = [];
            sentAt = performance.now();
          }
        }
        // a bundle this worker compiled (no code cache yet) is cached now, with what the batch compiled:
        // before the batch's end, after which the scan may terminate the worker
        globalThis.__shipguardFlushCodeCaches?.();
        send({ type: 'done', id: m.id, reports });
      });
      send({ type: 'ready' });
    },
    (e: unknown) => send({ type: 'fatal', message: `cannot initialise the Python parser: ${(e as Error).message}` }),
  );
}
