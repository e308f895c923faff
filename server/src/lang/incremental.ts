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
import { assemblePieces, isPythonReady, parsePython, pythonCursorExports } from './python/parser';
import { copyTree, moveTree, nextNodeId, type Moved, type Node as PyNode, type Reuse, type SourceText } from './python/tree';
import { BODY_PREFIX, pythonPieces, type Piece as Layout } from './python/chunks';

function prefixOf(p: Layout): number {
  return p.body ? BODY_PREFIX[p.body].length : 0;
}
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

/** Parse statistics, for tests and logs (Python counts pieces, JS/TS whole files). */
export interface TreeStats {
  /** parsed from nothing */
  full: number;
  /** parsed from the previous tree (tree-sitter edit + reparse, ts.updateSourceFile) */
  incremental: number;
  /** Python pieces taken as they were (their text unchanged) */
  reused: number;
}

/**
 * A piece of a Python document (python/chunks.ts): its text, its nodes, and tree-sitter's tree
 * for the next edit. The nodes are those of the document's last tree: a piece whose text an
 * edit left alone is moved to its new place (moveTree) and assembled again, not copied.
 */
interface Piece {
  /** the piece's text as parsed (a body piece after its prefix) */
  text: string;
  /** the nodes, offsets into `source` (a body piece's prefix before its start) */
  root: PyNode;
  /** where the piece's parsed text starts in `source` (its start minus its prefix) */
  base: number;
  tree: Tree;
}

/**
 * The trees of one document. `update(text, changes)` records the new text (and the edits that
 * led to it from the previous one); `python()` / `js()` parse on demand, incrementally from
 * the last tree when there is one.
 *
 * A Python document is kept as its pieces of top-level statements (python/chunks.ts), the way
 * `parsePythonTree` reads a module: a piece whose text is unchanged is taken as it is, and the
 * one piece an edit changed is parsed from its previous tree. A syntax error being typed then
 * costs the recovery of its own piece only, not that of every error left elsewhere in the file.
 */
export class DocumentTrees {
  private text = '';
  /** Edits since the text the kept tree was parsed from (null: unknown, take them from the texts). */
  private pending: TextChange[] | null = [];
  /** The text the kept tree (if any) was parsed from. */
  private treeText: string | null = null;
  private pieces: Piece[] = [];
  /** the id the next copied node gets: unique in the document's trees, as ids are in one tree */
  private nextId = 1;
  /** the text every node of this document's Python trees reads: the current one once python() has run */
  private readonly src: SourceText = { text: '' };
  /** the parents the last assembly changed, undone before the next one */
  private moved: Moved = [];
  private jsFile: ts.SourceFile | null = null;
  readonly stats: TreeStats = { full: 0, incremental: 0, reused: 0 };

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
   * The Python tree of the current text, equal to `parsePythonTree(text)`. Its nodes are those
   * of the last tree where the edit did not reach (moved, not copied): a caller keeps nothing of
   * a tree past its lint. Needs the parser initialised.
   */
  python(): PyNode {
    const text = this.text;
    // the pieces' trees as they were copied, then every kept node reads the current text
    for (let i = this.moved.length - 1; i >= 0; i--) this.moved[i][0].parent = this.moved[i][1];
    this.moved = [];
    this.src.text = text;
    const layout = pythonPieces(text);
    const texts = layout.map((p) => (p.body ? BODY_PREFIX[p.body] : '') + text.slice(p.start, p.end));
    const unused = new Map<string, Piece[]>();
    for (const p of this.pieces) {
      const list = unused.get(p.text);
      if (list) list.push(p);
      else unused.set(p.text, [p]);
    }
    const next: Array<Piece | null> = texts.map((t) => {
      const p = unused.get(t)?.shift() ?? null;
      if (p) this.stats.reused++;
      return p;
    });
    const order = new Map(this.pieces.map((p, k) => [p, k]));
    const left = [...unused.values()].flat().sort((a, b) => order.get(a)! - order.get(b)!);
    const missing = next.flatMap((p, k) => (p ? [] : [k]));
    const baseOf = (k: number) => layout[k].start - prefixOf(layout[k]);
    if (missing.length === left.length) {
      // as many pieces changed as went away (edits inside statements): each is parsed from the
      // tree of the piece it replaces, in document order
      for (let i = 0; i < missing.length; i++) next[missing[i]] = this.reparse(left[i], texts[missing[i]], baseOf(missing[i]));
      left.length = 0;
    }
    for (const k of missing) if (!next[k]) next[k] = this.parseNew(texts[k], baseOf(k));
    for (const p of left) p.tree.delete();
    this.pieces = next as Piece[];
    this.treeText = text;
    // a kept piece an edit before it moved goes to its new place (the pieces before it stay)
    for (let k = 0; k < this.pieces.length; k++) {
      const p = this.pieces[k];
      const base = baseOf(k);
      if (base !== p.base) moveTree(p.root, base - p.base);
      p.base = base;
    }
    return assemblePieces(this.src, layout, this.pieces.map((p) => p.root), this.moved);
  }

  /** The nodes of a piece's tree-sitter tree, at `base` in the current text, with ids no node of this document has had. */
  private copy(tree: Tree, base: number, reuse?: Reuse): PyNode {
    const root = copyTree(tree, this.src, pythonCursorExports(), base, this.nextId, reuse);
    this.nextId = nextNodeId();
    return root;
  }

  private parseNew(text: string, base: number): Piece {
    this.stats.full++;
    const tree = parsePython(text);
    return { text, tree, root: this.copy(tree, base), base };
  }

  /** The piece `old` now reads `text`: tree-sitter's edit of its tree, then a parse that reuses what the edit left alone. */
  private reparse(old: Piece, text: string, base: number): Piece {
    const c = diffChange(old.text, text);
    if (!c) return old;
    const startPosition = pointAt(old.text, c.start);
    old.tree.edit({
      startIndex: c.start,
      oldEndIndex: c.end,
      newEndIndex: c.start + c.text.length,
      startPosition,
      oldEndPosition: pointAt(old.text, c.end),
      newEndPosition: pointAfter(startPosition, c.text),
    });
    const tree = parsePython(text, old.tree);
    // the old copy's nodes where the structure did not change are taken, not copied again
    const reuse: Reuse = { oldRoot: old.root, oldBase: old.base, start: c.start, oldEnd: c.end, newEnd: c.start + c.text.length, changed: tree.getChangedRanges(old.tree) };
    old.tree.delete();
    this.stats.incremental++;
    return { text, tree, root: this.copy(tree, base, reuse), base };
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

  /** Frees the kept trees (the WebAssembly memory of a Python tree is not garbage collected). */
  dispose(): void {
    for (const p of this.pieces) p.tree.delete();
    this.pieces = [];
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
