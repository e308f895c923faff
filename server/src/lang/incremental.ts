/**
 * Incremental parsing of one open document, for the language server.
 *
 * An editor changes a few characters at a time; parsing the whole file again on every
 * keystroke is most of the time a lint takes (and in Python, tree-sitter's error recovery
 * on a half-typed line makes a full parse several times slower). A `DocumentTrees` keeps the
 * last tree of a document and brings it to the next text from the edits in between:
 * tree-sitter's `tree.edit()` then `parser.parse(text, oldTree)` for Python, TypeScript's
 * `ts.updateSourceFile()` for JS/TS. Both reuse the subtrees the edit did not touch and give
 * the same tree as a fresh parse (the unit tests compare findings over random edits).
 *
 * Edits are offsets into the text they apply to (UTF-16 code units, the engine's unit), in the
 * order they were made. When they are missing or do not lead to the new text, the edit is
 * taken from the two texts (common prefix and suffix), so a wrong or lost change never gives
 * a wrong tree.
 */
import type { Tree } from 'web-tree-sitter';
import { ts } from 'ts-morph';
import { isPythonReady, parsePython, pythonCursorExports } from './python/parser';
import { copyTree, type Node as PyNode } from './python/tree';
import { parseJs } from './js/parser';
import type { Language } from '../engine/types';

/** One replacement: [start, end) of the text before it becomes `text`. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

/** Applies changes in order; the text they lead to. */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  let out = text;
  for (const c of changes) out = out.slice(0, c.start) + c.text + out.slice(c.end);
  return out;
}

/** The single change that turns `before` into `after` (common prefix and suffix), or null when they are equal. */
export function diffChange(before: string, after: string): TextChange | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let p = 0;
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  return { start: p, end: before.length - s, text: after.slice(p, after.length - s) };
}

interface Point {
  row: number;
  column: number;
}

/** Row and column (UTF-16 code units, as web-tree-sitter counts for string input) of an offset. */
function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** Where `inserted` ends when it starts at `start`. */
function pointAfter(start: Point, inserted: string): Point {
  const last = inserted.lastIndexOf('\n');
  if (last < 0) return { row: start.row, column: start.column + inserted.length };
  let rows = 0;
  for (let i = inserted.indexOf('\n'); i >= 0; i = inserted.indexOf('\n', i + 1)) rows++;
  return { row: start.row + rows, column: inserted.length - last - 1 };
}

/** Parse statistics, for tests and logs. */
export interface TreeStats {
  full: number;
  incremental: number;
}

/**
 * The trees of one document. `update(text, changes)` records the new text (and the edits that
 * led to it from the previous one); `python()` / `js()` parse on demand, incrementally from
 * the last tree when there is one.
 */
export class DocumentTrees {
  private text = '';
  /** Edits since the text the kept tree was parsed from (null: unknown, take them from the texts). */
  private pending: TextChange[] | null = [];
  /** The text the kept tree (if any) was parsed from. */
  private treeText: string | null = null;
  private pyTree: Tree | null = null;
  private jsFile: ts.SourceFile | null = null;
  readonly stats: TreeStats = { full: 0, incremental: 0 };

  constructor(
    readonly path: string,
    readonly language: Language,
  ) {}

  /** The current text. */
  get current(): string {
    return this.text;
  }

  /**
   * The document now reads `text`; `changes` (optional) are the edits from the previous text,
   * in order. Without them the edit is taken from the texts when the tree is next wanted.
   */
  update(text: string, changes?: readonly TextChange[]): void {
    if (text === this.text) return;
    if (this.pending && changes && this.treeText !== null) this.pending.push(...changes);
    else this.pending = null;
    this.text = text;
  }

  /**
   * A copy of the Python tree of the current text (see python/tree.ts; a new copy per call, only
   * the compact tree-sitter tree is kept between calls). Needs the parser initialised.
   */
  python(): PyNode {
    const text = this.text;
    if (this.pyTree && this.treeText === text) return copyTree(this.pyTree, text, pythonCursorExports());
    let tree: Tree;
    const edits = this.pyTree ? this.editsTo(text) : null;
    if (this.pyTree && edits) {
      let cur = this.treeText!;
      for (const c of edits) {
        const startPosition = pointAt(cur, c.start);
        this.pyTree.edit({
          startIndex: c.start,
          oldEndIndex: c.end,
          newEndIndex: c.start + c.text.length,
          startPosition,
          oldEndPosition: pointAt(cur, c.end),
          newEndPosition: pointAfter(startPosition, c.text),
        });
        cur = cur.slice(0, c.start) + c.text + cur.slice(c.end);
      }
      tree = parsePython(text, this.pyTree);
      this.pyTree.delete();
      this.stats.incremental++;
    } else {
      this.pyTree?.delete();
      tree = parsePython(text);
      this.stats.full++;
    }
    this.pyTree = tree;
    this.treeText = text;
    this.pending = [];
    return copyTree(tree, text, pythonCursorExports());
  }

  /**
   * The TypeScript source file of the current text. `ts.updateSourceFile` reuses (and moves)
   * nodes of the previous file, which must not be used after: nothing but this class keeps it.
   */
  js(): ts.SourceFile {
    if (this.jsFile && this.treeText === this.text) return this.jsFile;
    const text = this.text;
    const edits = this.jsFile ? this.editsTo(text) : null;
    if (this.jsFile && edits) {
      const ranges = edits.map((c) => ts.createTextChangeRange(ts.createTextSpan(c.start, c.end - c.start), c.text.length));
      const range = ranges.length === 1 ? ranges[0] : ts.collapseTextChangeRangesAcrossMultipleVersions(ranges);
      this.jsFile = ts.updateSourceFile(this.jsFile, text, range);
      this.stats.incremental++;
    } else {
      this.jsFile = parseJs(this.path, text);
      this.stats.full++;
    }
    this.treeText = text;
    this.pending = [];
    return this.jsFile;
  }

  /** Frees the kept tree (the WebAssembly memory of a Python tree is not garbage collected). */
  dispose(): void {
    this.pyTree?.delete();
    this.pyTree = null;
    this.jsFile = null;
    this.treeText = null;
    this.pending = [];
  }

  /** The edits from the tree's text to `text`: the recorded ones when they lead there, else one from the texts. */
  private editsTo(text: string): TextChange[] | null {
    const from = this.treeText;
    if (from === null) return null;
    if (this.pending && this.pending.length && pendingFits(from, this.pending, text)) return this.pending;
    const one = diffChange(from, text);
    return one ? [one] : [];
  }
}

/** Whether `changes` applied to `from` give `to` (checked on lengths, then on the text when short). */
function pendingFits(from: string, changes: readonly TextChange[], to: string): boolean {
  let len = from.length;
  for (const c of changes) {
    if (c.start < 0 || c.end < c.start || c.end > len) return false;
    len += c.text.length - (c.end - c.start);
  }
  if (len !== to.length) return false;
  return applyChanges(from, changes) === to;
}

/** Whether incremental Python trees can be made now (the parser is initialised). */
export function pythonTreesReady(): boolean {
  return isPythonReady();
}
