/**
 * Guards for the gitignore-style patterns shipguard matches paths with (the
 * config's `exclude`, the `shipguard.exclude` setting, `.gitignore` files of
 * the workspace). The `ignore` library compiles each pattern to a regular
 * expression; a single `*` is compiled without ambiguity, but every `**`
 * segment becomes an optional `(?:.*\/)?`, and a pattern with several of them
 * backtracks polynomially in the path's depth with the number of `**` as the
 * exponent: `**\/a/**\/a/.../**\/b` with ten `**` took 146 s against one
 * 40-level path. Patterns come from the workspace (even in Restricted Mode),
 * so a pattern with more than two `**` segments, or longer than 1,000
 * characters, is refused with a reason instead of being compiled.
 */

/** The most `**` segments a pattern may have. */
export const MAX_GLOBSTARS = 2;
export const MAX_PATTERN_LENGTH = 1000;

/** `**` segments in a pattern (`**` alone between slashes or at an end; `a**b` is two single stars). */
export function globstarCount(pattern: string): number {
  let n = 0;
  for (const seg of pattern.split('/')) if (seg === '**') n++;
  return n;
}

/** Why a pattern is refused, or null when it is matched as given. */
export function patternProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `is longer than ${MAX_PATTERN_LENGTH} characters`;
  const n = globstarCount(pattern);
  if (n > MAX_GLOBSTARS) return `has ${n} \`**\` segments; more than ${MAX_GLOBSTARS} in one pattern can take exponential time to match (split it into several patterns)`;
  return null;
}

/** The patterns that may be compiled; each refused one is reported with its reason. */
export function safePatterns(patterns: readonly string[], refused: (pattern: string, why: string) => void): string[] {
  const out: string[] = [];
  for (const p of patterns) {
    const why = patternProblem(p);
    if (why) refused(p, why);
    else out.push(p);
  }
  return out;
}
