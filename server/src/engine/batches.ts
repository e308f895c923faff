/**
 * How a scan's files are handed to its worker threads.
 *
 * Files are cut into batches of neighbouring files (path order), and batches are grouped by the
 * folder they sit in below the scan's common folder (in a scan of several projects, one group per
 * project). Files of one folder import the same modules, and a project's facts (its settings,
 * routes, import graph) are read once per worker: so each worker keeps to one group while it has
 * batches, and a worker whose group is done takes the largest group no worker has started, or
 * else joins the one with the most work left. Batches are small enough (an eighth of a worker's
 * share at most) for the workers to finish close together.
 *
 * A folder's Python files and its JS/TS files are two groups. A worker keeps to the parser it
 * started with while groups of it are left, and a worker's first group is of the parser with the
 * most work left per worker that has it: the TypeScript compiler costs a worker that loads it
 * some 65 MiB, so where JS/TS is under half the work, one worker does it and the others never
 * load the compiler.
 */
import * as path from 'node:path';
import { languageOf } from './files';

export interface BatchItem {
  path: string;
  size: number;
}

type Parser = 'python' | 'js';

interface Batch {
  paths: string[];
  bytes: number;
}

interface Group {
  batches: Batch[];
  /** Bytes of the batches not handed out yet. */
  left: number;
  claimed: boolean;
  parser: Parser;
}

function parserOf(file: string): Parser {
  return languageOf(file) === 'python' ? 'python' : 'js';
}

export class BatchPlan {
  private readonly groups: Group[] = [];
  private readonly current = new Map<number, Group>();
  /** The parsers each worker has loaded: those of the groups it took. */
  private readonly loaded = new Map<number, Set<Parser>>();

  constructor(items: readonly BatchItem[], workers: number) {
    const sorted = [...items].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const total = sorted.reduce((s, x) => s + x.size, 0);
    const batchBytes = Math.max(32_000, Math.min(512_000, Math.floor(total / (Math.max(1, workers) * 8))));
    const top = commonFolder(sorted.map((x) => x.path));
    const byKey = new Map<string, Group>();
    // each group fills one batch at a time (a folder's Python and JS/TS files interleave in path order)
    const open = new Map<Group, Batch>();
    for (const item of sorted) {
      const parser = parserOf(item.path);
      const key = `${parser}:${groupKey(top, item.path)}`;
      let g = byKey.get(key);
      if (!g) byKey.set(key, (g = { batches: [], left: 0, claimed: false, parser }));
      let b = open.get(g);
      if (!b || b.bytes + item.size > batchBytes || b.paths.length >= 200) {
        g.batches.push((b = { paths: [], bytes: 0 }));
        open.set(g, b);
      }
      b.paths.push(item.path);
      b.bytes += item.size;
      g.left += item.size;
    }
    this.groups = [...byKey.values()].sort((a, b) => b.left - a.left);
  }

  /** The next batch for worker `w`, or null when nothing is left. */
  next(w: number): string[] | null {
    let g = this.current.get(w);
    if (!g || !g.batches.length) {
      const loaded = this.loaded.get(w);
      g = loaded ? (this.pick((x) => loaded.has(x.parser)) ?? this.pick(() => true)) : this.pick((x) => x.parser === this.firstParser());
      if (!g) return null;
      g.claimed = true;
      this.current.set(w, g);
      if (loaded) loaded.add(g.parser);
      else this.loaded.set(w, new Set([g.parser]));
    }
    const b = g.batches.shift();
    if (!b) return null;
    g.left -= b.bytes;
    return b.paths;
  }

  /** Every path no worker has taken yet. */
  rest(): string[] {
    return this.groups.flatMap((g) => g.batches.splice(0).flatMap((b) => b.paths));
  }

  /**
   * The parser a worker that has none yet starts with: one no worker has loaded, if it has work
   * left (the larger first), else the one with the most work left for each worker that would then
   * have it. Of two workers on a workspace a third JS/TS, one does the JS/TS and then helps with
   * the Python; the other never loads the compiler.
   */
  private firstParser(): Parser {
    let best: Parser = 'python';
    let bestKey = -1;
    for (const parser of ['python', 'js'] as const) {
      const left = this.groups.reduce((s, g) => s + (g.parser === parser ? g.left : 0), 0);
      if (!left) continue;
      const workers = [...this.loaded.values()].filter((set) => set.has(parser)).length;
      const key = workers ? left / (workers + 1) : Number.MAX_SAFE_INTEGER / 2 + left;
      if (key > bestKey) [best, bestKey] = [parser, key];
    }
    return best;
  }

  /** Among the groups `fits` takes that have batches: the largest no worker has started, else the one with the most work left. */
  private pick(fits: (g: Group) => boolean): Group | undefined {
    const open = this.groups.filter((x) => x.batches.length && fits(x));
    return open.find((x) => !x.claimed) ?? open.sort((a, b) => b.left - a.left)[0];
  }
}

/** The deepest folder holding every path. */
function commonFolder(paths: readonly string[]): string {
  if (!paths.length) return '';
  let common = path.dirname(paths[0]);
  for (const p of paths) {
    while (common && p !== common && !p.startsWith(common.endsWith(path.sep) ? common : common + path.sep)) {
      const up = path.dirname(common);
      if (up === common) return up;
      common = up;
    }
  }
  return common;
}

/** The first path segment below `top`: the group a file belongs to (its own name for a file directly in `top`). */
function groupKey(top: string, file: string): string {
  const rel = path.relative(top, file);
  const i = rel.indexOf(path.sep);
  return i < 0 ? '' : rel.slice(0, i);
}
