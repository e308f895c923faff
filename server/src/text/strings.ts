/**
 * Strings kept past the file they came from.
 *
 * V8 makes `source.slice(a, b)` (13 characters or more) a view into `source`, and `a + b` a pair
 * of its parts: a name read from a syntax tree and kept as a cache key or answer keeps the whole
 * file's text alive with it. A scan's caches that outlive a file (module lookups, cross-file
 * answers) keep thousands of such names, so they keep copies instead.
 */

/** A copy of `s` that holds no reference to the string it was cut from. */
export function detached(s: string): string {
  // short slices are copies already; a cons string is flattened into a fresh string before it is cut
  return s.length < 13 ? s : (' ' + s).slice(1);
}
