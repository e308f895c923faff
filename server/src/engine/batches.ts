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
 */
import * as path from 'node:path';

export interface BatchItem {
  path: string;
  size: number;
}

interface Group {
  batches: string[][];
  bytes: number;
  claimed: boolean;
}

export class BatchPlan {
  private readonly groups: Group[] = [];
  private readonly current = new Map<number, Group>();

  constructor(items: readonly BatchItem[], workers: number) {
    const sorted = [...items].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const total = sorted.reduce((s, x) => s + x.size, 0);
    const batchBytes = Math.max(32_000, Math.min(512_000, Math.floor(total / (Math.max(1, workers) * 8))));
    const top = commonFolder(sorted.map((x) => x.path));
    const byKey = new Map<string, Group>();
    let batch: string[] = [];
    let bytes = 0;
    let group: Group | null = null;
    const flush = (): void => {
      if (batch.length && group) group.batches.push(batch);
      batch = [];
      bytes = 0;
    };
    for (const item of sorted) {
      const key = groupKey(top, item.path);
      let g = byKey.get(key);
      if (!g) byKey.set(key, (g = { batches: [], bytes: 0, claimed: false }));
      if (g !== group || (batch.length && (bytes + item.size > batchBytes || batch.length >= 200))) {
        flush();
        group = g;
      }
      batch.push(item.path);
      bytes += item.size;
      g.bytes += item.size;
    }
    flush();
    this.groups = [...byKey.values()].sort((a, b) => b.bytes - a.bytes);
  }

  /** The next batch for worker `w`, or null when nothing is left. */
  next(w: number): string[] | null {
    let g = this.current.get(w);
    if (!g || !g.batches.length) {
      g = this.groups.find((x) => !x.claimed && x.batches.length) ?? this.groups.filter((x) => x.batches.length).sort((a, b) => b.batches.length - a.batches.length)[0];
      if (!g) return null;
      g.claimed = true;
      this.current.set(w, g);
    }
    return g.batches.shift() ?? null;
  }

  /** Every path no worker has taken yet. */
  rest(): string[] {
    return this.groups.flatMap((g) => g.batches.splice(0).flat());
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
