/**
 * JSON file race, JavaScript / TypeScript: several Node processes append
 * entries to one JSON file through the case module, before and after the
 * json-file-race codemod (the engine's own fix output, made by run.sh).
 *
 *   async appendEntry: before, entries are lost (or the file is torn);
 *     after (proper-lockfile `lock` with retries + write-file-atomic) every entry is kept.
 *   sync appendEntrySync: before, entries are lost or calls fail on a torn file;
 *     after (`lockSync`, which does not wait) no entry is lost silently and no
 *     file is torn: each call either lands or throws ELOCKED to its caller.
 *
 * usage: tsx run_json.ts <before.ts> <after.ts> <work dir>
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const PROCS = 6;
const PER_PROC = { appendEntry: 40, appendEntrySync: 100 } as const;
type Fn = keyof typeof PER_PROC;

interface WorkerResult {
  ok: number;
  locked: number;
  other: number;
}

async function worker(modulePath: string, ledger: string, fn: Fn, proc: number, startAt: number): Promise<void> {
  process.env.LEDGER_PATH = ledger;
  const mod = await import(modulePath);
  const call = (mod[fn] ?? mod.default?.[fn]) as (e: unknown) => unknown;
  if (typeof call !== 'function') throw new Error(`${modulePath} has no ${fn}`);
  while (Date.now() < startAt) await new Promise((r) => setTimeout(r, 1));
  const res: WorkerResult = { ok: 0, locked: 0, other: 0 };
  for (let i = 0; i < PER_PROC[fn]; i++) {
    try {
      await call({ proc, i });
      res.ok++;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ELOCKED') res.locked++;
      else res.other++; // a torn read (JSON.parse of a half-written file) is a failure
    }
  }
  process.stdout.write(JSON.stringify(res));
}

function runWorker(modulePath: string, ledger: string, fn: Fn, proc: number, startAt: number): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const tsxCli = require.resolve('tsx/cli');
    const child = spawn(process.execPath, [tsxCli, __filename, '--worker', modulePath, ledger, fn, String(proc), String(startAt)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      // the fixed module lives in a temp dir: let it find proper-lockfile / write-file-atomic here
      env: { ...process.env, NODE_PATH: path.resolve(__dirname, '..', '..', '..', 'node_modules') },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill(), 120_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`worker ${proc} exited with ${code}`));
      try {
        resolve(JSON.parse(out) as WorkerResult);
      } catch {
        reject(new Error(`worker ${proc} printed ${JSON.stringify(out)}`));
      }
    });
  });
}

async function run(modulePath: string, ledger: string, fn: Fn): Promise<{ kept: number; ok: number; locked: number; other: number }> {
  fs.writeFileSync(ledger, '[]');
  const startAt = Date.now() + 2500; // every process has loaded the module before the first call
  const results = await Promise.all(Array.from({ length: PROCS }, (_, p) => runWorker(modulePath, ledger, fn, p, startAt)));
  let kept = -1;
  try {
    kept = (JSON.parse(fs.readFileSync(ledger, 'utf8')) as unknown[]).length;
  } catch {
    kept = -1; // the file is corrupted
  }
  const sum = (k: keyof WorkerResult) => results.reduce((n, r) => n + r[k], 0);
  return { kept, ok: sum('ok'), locked: sum('locked'), other: sum('other') };
}

async function main(): Promise<void> {
  const [before, after, dir] = process.argv.slice(2).map((p) => path.resolve(p));
  if (!before || !after || !dir) {
    process.stderr.write('usage: run_json.ts <before.ts> <after.ts> <work dir>\n');
    process.exit(2);
  }
  let failed = false;
  const check = (ok: boolean, what: string) => {
    process.stdout.write(`  [${ok ? 'ok  ' : 'FAIL'}] ${what}\n`);
    failed ||= !ok;
  };
  {
    const total = PROCS * PER_PROC.appendEntry;
    const b = await run(before, path.join(dir, 'before-async.json'), 'appendEntry');
    check(b.kept < total || b.other > 0, `node async before the codemod loses entries: ${b.kept}/${total} kept, ${b.other} failed calls`);
    const a = await run(after, path.join(dir, 'after-async.json'), 'appendEntry');
    check(a.kept === total && a.ok === total && a.locked + a.other === 0, `node async after the codemod keeps every entry: ${a.kept}/${total} kept, ${a.locked + a.other} failed calls`);
  }
  {
    const total = PROCS * PER_PROC.appendEntrySync;
    const b = await run(before, path.join(dir, 'before-sync.json'), 'appendEntrySync');
    check(b.kept < b.ok || b.other > 0, `node sync before the codemod loses entries or tears the file: ${b.kept} kept of ${b.ok} calls that returned, ${b.other} failed calls`);
    const a = await run(after, path.join(dir, 'after-sync.json'), 'appendEntrySync');
    check(
      a.kept === a.ok && a.ok + a.locked === total && a.other === 0 && a.ok > 0,
      `node sync after the codemod loses nothing silently: ${a.kept} kept of ${a.ok} calls that returned, ${a.locked} refused with ELOCKED, ${a.other} other failures`,
    );
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[2] === '--worker') {
  const [, , , modulePath, ledger, fn, proc, startAt] = process.argv;
  worker(modulePath, ledger, fn as Fn, Number(proc), Number(startAt)).catch((e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exit(3);
  });
} else {
  main().catch((e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exit(2);
  });
}
