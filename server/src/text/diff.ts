/**
 * Line diffs whose cost grows with the size of the change, not with the file
 * times the change: fixes touch a few lines here and there of files that may
 * be megabytes long, and a plain Myers or LCS diff of two such texts costs
 * O(lines x changes) (jsdiff took 16 s and most of 1.6 GB on a 5 MB file with
 * 4,000 one-line fixes).
 *
 * The middle that differs (after trimming the common head and tail) is split
 * at anchors, lines that occur exactly once in each side (patience diff); the
 * longest run of anchors in the same order is kept, and only the small gaps
 * between anchors are diffed line by line (LCS, exact for them). A gap with no
 * anchor at all is diffed exactly when it is small and taken as one hunk when
 * it is not. The work is a stack, not recursion.
 */

/** A changed region: lines [aStart, aEnd) of the old text became lines [bStart, bEnd) of the new. */
export interface LineHunk {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/** Lines with their line breaks kept (the last one may have none). */
export function splitLines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) break;
    out.push(text.slice(start, nl + 1));
    start = nl + 1;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** Gaps up to this many cells (old lines x new lines) are diffed exactly. */
const EXACT_CELLS = 1_000_000;

/** The changed regions between two line arrays, in order, disjoint and not touching. */
export function diffLines(a: readonly string[], b: readonly string[]): LineHunk[] {
  const out: LineHunk[] = [];
  // ranges still to diff, the next one on top
  const work: LineHunk[] = [{ aStart: 0, aEnd: a.length, bStart: 0, bEnd: b.length }];
  while (work.length) {
    let { aStart, aEnd, bStart, bEnd } = work.pop()!;
    while (aStart < aEnd && bStart < bEnd && a[aStart] === b[bStart]) {
      aStart++;
      bStart++;
    }
    while (aEnd > aStart && bEnd > bStart && a[aEnd - 1] === b[bEnd - 1]) {
      aEnd--;
      bEnd--;
    }
    if (aStart === aEnd && bStart === bEnd) continue;
    if (aStart === aEnd || bStart === bEnd) {
      push(out, { aStart, aEnd, bStart, bEnd });
      continue;
    }
    const n = aEnd - aStart;
    const m = bEnd - bStart;
    if (n * m <= EXACT_CELLS) {
      for (const h of lcsHunks(a, aStart, aEnd, b, bStart, bEnd)) push(out, h);
      continue;
    }
    const anchors = uniqueAnchors(a, aStart, aEnd, b, bStart, bEnd);
    if (!anchors.length) {
      push(out, { aStart, aEnd, bStart, bEnd });
      continue;
    }
    // the gaps between anchors (anchors themselves are equal lines), last one first on the stack
    const gaps: LineHunk[] = [];
    let pa = aStart;
    let pb = bStart;
    for (const [ia, ib] of anchors) {
      gaps.push({ aStart: pa, aEnd: ia, bStart: pb, bEnd: ib });
      pa = ia + 1;
      pb = ib + 1;
    }
    gaps.push({ aStart: pa, aEnd, bStart: pb, bEnd });
    for (let i = gaps.length - 1; i >= 0; i--) work.push(gaps[i]);
  }
  return out;
}

/** Appends a hunk, merging it with the previous one when they touch. */
function push(out: LineHunk[], h: LineHunk): void {
  const last = out[out.length - 1];
  if (last && last.aEnd === h.aStart && last.bEnd === h.bStart) {
    last.aEnd = h.aEnd;
    last.bEnd = h.bEnd;
  } else out.push({ ...h });
}

/**
 * Lines unique in both ranges, as [indexInA, indexInB] pairs, reduced to the
 * longest chain increasing in both (patience sorting, O(k log k)).
 */
function uniqueAnchors(a: readonly string[], aStart: number, aEnd: number, b: readonly string[], bStart: number, bEnd: number): Array<[number, number]> {
  // per line: index in a (-1 once seen twice), index in b (-1 once seen twice, -2 never seen)
  const seen = new Map<string, { ia: number; ib: number }>();
  for (let i = aStart; i < aEnd; i++) {
    const e = seen.get(a[i]);
    if (e) e.ia = -1;
    else seen.set(a[i], { ia: i, ib: -2 });
  }
  for (let j = bStart; j < bEnd; j++) {
    const e = seen.get(b[j]);
    if (!e) continue;
    e.ib = e.ib === -2 ? j : -1;
  }
  const pairs: Array<[number, number]> = [];
  for (const e of seen.values()) if (e.ia >= 0 && e.ib >= 0) pairs.push([e.ia, e.ib]);
  if (!pairs.length) return pairs;
  pairs.sort((x, y) => x[0] - y[0]);
  // longest increasing subsequence of the b indices
  const tails: number[] = []; // index into pairs of the smallest tail of each length
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let k = 0; k < pairs.length; k++) {
    const v = pairs[k][1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]][1] < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1];
    tails[lo] = k;
  }
  const chain: Array<[number, number]> = [];
  for (let k = tails[tails.length - 1]; k >= 0; k = prev[k]) chain.push(pairs[k]);
  return chain.reverse();
}

/** Exact line hunks of two small ranges (LCS table of suffix lengths). */
function lcsHunks(a: readonly string[], aStart: number, aEnd: number, b: readonly string[], bStart: number, bEnd: number): LineHunk[] {
  const n = aEnd - aStart;
  const m = bEnd - bStart;
  const w = m + 1;
  const dp = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * w + j] = a[aStart + i] === b[bStart + j] ? dp[(i + 1) * w + j + 1] + 1 : Math.max(dp[(i + 1) * w + j], dp[i * w + j + 1]);
    }
  }
  const hunks: LineHunk[] = [];
  let i = 0;
  let j = 0;
  let cur: LineHunk | null = null;
  while (i < n || j < m) {
    if (i < n && j < m && a[aStart + i] === b[bStart + j]) {
      if (cur) {
        hunks.push(cur);
        cur = null;
      }
      i++;
      j++;
      continue;
    }
    cur ??= { aStart: aStart + i, aEnd: aStart + i, bStart: bStart + j, bEnd: bStart + j };
    // deletions first, then insertions (the order unified diffs show them in)
    if (i < n && (j >= m || dp[(i + 1) * w + j] >= dp[i * w + j + 1])) i++;
    else j++;
    cur.aEnd = aStart + i;
    cur.bEnd = bStart + j;
  }
  if (cur) hunks.push(cur);
  return hunks;
}

const NO_NEWLINE = '\\ No newline at end of file';

/**
 * A unified diff of two texts (`--- a/x`, `+++ b/x`, `@@ -l,n +l,n @@` hunks with
 * `context` lines around each change, changes closer than twice that merged into
 * one hunk), in the format of GNU diff -u and jsdiff's createTwoFilesPatch.
 * Empty when the texts are equal.
 */
export function unifiedDiff(oldName: string, newName: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const hunks = diffLines(a, b);
  if (!hunks.length) return '';
  const out: string[] = [`--- ${oldName}`, `+++ ${newName}`];
  const line = (prefix: string, s: string, isLastOfSide: boolean) => {
    if (s.endsWith('\n')) out.push(prefix + s.slice(0, -1));
    else {
      out.push(prefix + s);
      if (isLastOfSide) out.push(NO_NEWLINE);
    }
  };
  let k = 0;
  while (k < hunks.length) {
    // a group of hunks whose context would touch or overlap
    let last = k;
    while (last + 1 < hunks.length && hunks[last + 1].aStart - hunks[last].aEnd <= 2 * context) last++;
    const first = hunks[k];
    const end = hunks[last];
    const aFrom = Math.max(0, first.aStart - context);
    const bFrom = first.bStart - (first.aStart - aFrom);
    const aTo = Math.min(a.length, end.aEnd + context);
    const bTo = end.bEnd + (aTo - end.aEnd);
    const saved = out.length;
    out.push(''); // the @@ line, filled in below
    let ia = aFrom;
    for (let h = k; h <= last; h++) {
      const hk = hunks[h];
      for (; ia < hk.aStart; ia++) line(' ', a[ia], ia === a.length - 1);
      for (let i = hk.aStart; i < hk.aEnd; i++) line('-', a[i], i === a.length - 1);
      for (let j = hk.bStart; j < hk.bEnd; j++) line('+', b[j], j === b.length - 1);
      ia = hk.aEnd;
    }
    for (; ia < aTo; ia++) line(' ', a[ia], ia === a.length - 1);
    const oldLines = aTo - aFrom;
    const newLines = bTo - bFrom;
    // the unified format's quirk: an empty range names the line before it
    const oldStart = oldLines ? aFrom + 1 : aFrom;
    const newStart = newLines ? bFrom + 1 : bFrom;
    out[saved] = `@@ -${oldStart},${oldLines} +${newStart},${newLines} @@`;
    k = last + 1;
  }
  return out.join('\n') + '\n';
}
