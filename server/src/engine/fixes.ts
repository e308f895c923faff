/** Applying text edits, and the checks every fix passes before it is offered. */
import type { TextEdit } from './types';

/** Applies non-overlapping edits (any order). Throws on overlap: a rule bug, caught by the runner. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  if (!edits.length) return text;
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos || e.end < e.start || e.end > text.length) {
      throw new Error(`overlapping or out-of-range edit [${e.start}, ${e.end})`);
    }
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

export function editsOverlap(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  for (const x of a) {
    for (const y of b) {
      if (x.start < y.end && y.start < x.end) return true;
      // two insertions at the same point would have an undefined order
      if (x.start === y.start && x.end === x.start && y.end === y.start) return true;
      // an insertion at the boundary of a replacement is ambiguous too
      if ((x.start === x.end && x.start > y.start && x.start < y.end) || (y.start === y.end && y.start > x.start && y.start < x.end)) return true;
    }
  }
  return false;
}

/**
 * Turns a rewritten file into minimal edits (common prefix/suffix per changed
 * line hunk), so a codemod that reprints a whole file still yields a small,
 * reviewable change (vscode-eslint diff.ts does the same for ESLint output).
 */
export function diffToEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const a = splitKeep(before);
  const b = splitKeep(after);
  // Trim common leading and trailing lines, then diff the middle with an LCS over lines
  // (small in practice: codemods touch a few lines).
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  let offset = 0;
  for (let i = 0; i < head; i++) offset += a[i].length;
  const hunks = lineHunks(am, bm);
  const edits: TextEdit[] = [];
  for (const h of hunks) {
    let start = offset;
    for (let i = 0; i < h.aStart; i++) start += am[i].length;
    let oldText = '';
    for (let i = h.aStart; i < h.aEnd; i++) oldText += am[i];
    let newText = '';
    for (let i = h.bStart; i < h.bEnd; i++) newText += bm[i];
    // shrink to the differing characters inside the hunk
    let p = 0;
    while (p < oldText.length && p < newText.length && oldText[p] === newText[p]) p++;
    let s = 0;
    while (s < oldText.length - p && s < newText.length - p && oldText[oldText.length - 1 - s] === newText[newText.length - 1 - s]) s++;
    edits.push({ start: start + p, end: start + oldText.length - s, newText: newText.slice(p, newText.length - s) });
  }
  return edits;
}

function splitKeep(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

interface Hunk {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

function lineHunks(a: string[], b: string[]): Hunk[] {
  if (!a.length || !b.length || a.length * b.length > 4_000_000) {
    return [{ aStart: 0, aEnd: a.length, bStart: 0, bEnd: b.length }];
  }
  // LCS table (lengths of suffixes)
  const n = a.length;
  const m = b.length;
  const dp = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * (m + 1) + j] = a[i] === b[j] ? dp[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(dp[(i + 1) * (m + 1) + j], dp[i * (m + 1) + j + 1]);
    }
  }
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let cur: Hunk | null = null;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      if (cur) {
        hunks.push(cur);
        cur = null;
      }
      i++;
      j++;
    } else if (j < m && (i >= n || dp[i * (m + 1) + j + 1] >= dp[(i + 1) * (m + 1) + j])) {
      cur ??= { aStart: i, aEnd: i, bStart: j, bEnd: j };
      j++;
      cur.bEnd = j;
      cur.aEnd = i;
    } else {
      cur ??= { aStart: i, aEnd: i, bStart: j, bEnd: j };
      i++;
      cur.aEnd = i;
      cur.bEnd = j;
    }
  }
  if (cur) hunks.push(cur);
  return hunks;
}
