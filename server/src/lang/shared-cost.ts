/**
 * Time spent on facts that several rules share (the workspace's endpoint model: every project
 * file's routes, settings and limiters, read once and cached). Built by whichever rule asks
 * first, so the engine takes it out of that rule's time and shows it on a line of its own in
 * `--timing` and the rule budget.
 */
let totalMs = 0;
let depth = 0;

/** Runs `build`, counting its time as shared (nested calls count once). */
export function sharedFacts<T>(build: () => T): T {
  if (depth > 0) return build();
  depth++;
  const t0 = performance.now();
  try {
    return build();
  } finally {
    totalMs += performance.now() - t0;
    depth--;
  }
}

/** Milliseconds spent in `sharedFacts` so far in this thread. */
export function sharedFactsMs(): number {
  return totalMs;
}
