/**
 * Text edits and applying them, and the checks every fix passes before it is offered. The text
 * primitives (`text/`: edits, positions, line endings, diffs) sit below everything else.
 */
import { diffLines, splitLines } from './diff';

/** A replacement of `[start, end)` by `newText`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

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
 * The line diff costs what the change costs, not the file's size times it
 * (see diff.ts).
 */
export function diffToEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const a = splitLines(before);
  const b = splitLines(after);
  const edits: TextEdit[] = [];
  // offset of line i of `a`, walked forward once
  let line = 0;
  let offset = 0;
  for (const h of diffLines(a, b)) {
    for (; line < h.aStart; line++) offset += a[line].length;
    let oldText = '';
    for (let i = h.aStart; i < h.aEnd; i++) oldText += a[i];
    let newText = '';
    for (let i = h.bStart; i < h.bEnd; i++) newText += b[i];
    // shrink to the differing characters inside the hunk
    let p = 0;
    while (p < oldText.length && p < newText.length && oldText[p] === newText[p]) p++;
    let s = 0;
    while (s < oldText.length - p && s < newText.length - p && oldText[oldText.length - 1 - s] === newText[newText.length - 1 - s]) s++;
    edits.push({ start: offset + p, end: offset + oldText.length - s, newText: newText.slice(p, newText.length - s) });
  }
  return edits;
}
