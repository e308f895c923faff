/**
 * Time spent on facts that several rules share, built by whichever rule asks first and cached:
 * the workspace's endpoint model (every project file's routes, settings and limiters) and the
 * bindings of the other project modules a name is resolved through (`from .client import
 * session`: that module parsed once for every rule that follows an import into it). The engine
 * takes this time out of the asking rule's own and shows each kind on a line of its own in
 * `--timing` and the rule budget.
 */
export type SharedKind = 'endpoints' | 'modules';

const totals: Record<SharedKind, number> = { endpoints: 0, modules: 0 };
let total = 0;
let depth = 0;

/** Runs `build`, counting its time as shared facts of `kind` (nested calls count once, in the outer kind). */
export function sharedFacts<T>(build: () => T, kind: SharedKind = 'endpoints'): T {
  if (depth > 0) return build();
  depth++;
  const t0 = performance.now();
  try {
    return build();
  } finally {
    const ms = performance.now() - t0;
    totals[kind] += ms;
    total += ms;
    depth--;
  }
}

/** Milliseconds spent in `sharedFacts` so far in this thread, all kinds (a cheap mark, taken around every rule visit). */
export function sharedFactsMs(): number {
  return total;
}

/** The shared-facts time so far, per kind (copied: taken only when time went into shared facts). */
export function sharedByKind(): Record<SharedKind, number> {
  return { ...totals };
}
