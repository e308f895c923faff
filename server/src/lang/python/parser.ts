/**
 * Python parsing through web-tree-sitter and the tree-sitter-python grammar
 * (both from npm, both WebAssembly: no native build, the same binary on every
 * platform). `initPython()` must be awaited once; parsing is synchronous after.
 *
 * web-tree-sitter reports indices in UTF-16 code units for string input, so
 * node offsets are directly usable as engine offsets.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Parser, Language, type Tree } from 'web-tree-sitter';
import { copyTree, cursorExports, joinPieces, nextNodeId, type CursorExports, type Node } from './tree';
import { topLevelChunks } from './chunks';

let parser: Parser | undefined;
let initPromise: Promise<void> | undefined;
/** The WebAssembly module's cursor functions, for the fast tree copy (null: copy through TreeCursor). */
let cursorFns: CursorExports | null = null;

/** Looks for a wasm file beside the bundle first (the VSIX layout), then in node_modules. */
function locate(file: string, pkgPath: string): string {
  const candidates = [
    path.join(__dirname, file),
    path.join(__dirname, '..', file),
    path.join(__dirname, '..', 'out', file),
  ];
  for (const c of candidates) if (fs.existsSync(c)) return c;
  return require.resolve(pkgPath);
}

export function initPython(): Promise<void> {
  if (!initPromise) {
    initPromise = (async () => {
      const runtime = locate('tree-sitter.wasm', 'web-tree-sitter/tree-sitter.wasm');
      // Emscripten fills the options object in as its Module: it then holds the exported functions
      const moduleOptions = { locateFile: () => runtime };
      await Parser.init(moduleOptions);
      cursorFns = cursorExports(moduleOptions);
      // the bytes, not the path: given a path, web-tree-sitter reads it through a dynamic
      // import(), which a bundle run from a V8 code cache (bin/shipguard.js) cannot make
      const lang = await Language.load(fs.readFileSync(locate('tree-sitter-python.wasm', 'tree-sitter-python/tree-sitter-python.wasm')));
      const p = new Parser();
      p.setLanguage(lang);
      parser = p;
    })();
  }
  return initPromise;
}

/** The module's cursor functions the tree copy uses, or null when this web-tree-sitter build lacks them. */
export function pythonCursorExports(): CursorExports | null {
  return cursorFns;
}

export function isPythonReady(): boolean {
  return parser !== undefined;
}

export function parsePython(text: string, old?: Tree): Tree {
  if (!parser) throw new Error('shipguard: the Python parser is not initialised (await initPython() first)');
  const tree = parser.parse(text, old ?? null);
  if (!tree) throw new Error('shipguard: tree-sitter returned no tree');
  return tree;
}

/**
 * Parses and copies the tree into plain objects (see tree.ts); the wasm trees are freed. A long
 * module is parsed by pieces of top-level statements (chunks.ts): the same tree when the text is
 * valid, and a syntax error stays inside the statement it is in. The language server makes the
 * same tree from the pieces it keeps (lang/incremental.ts).
 */
export function parsePythonTree(text: string): Node {
  const starts = topLevelChunks(text);
  if (starts.length === 1) return parsePiece(text, 0, text.length, 0);
  const pieces: Node[] = [];
  for (let k = 0; k < starts.length; k++) pieces.push(parsePiece(text, starts[k], k + 1 < starts.length ? starts[k + 1] : text.length, k ? nextNodeId() : 1));
  return joinPieces(text, pieces);
}

/** The tree of text[start, end), copied with offsets into `text` and ids from `firstId`. */
export function parsePiece(text: string, start: number, end: number, firstId: number): Node {
  const tree = parsePython(start === 0 && end === text.length ? text : text.slice(start, end));
  try {
    return copyTree(tree, text, cursorFns, start, firstId);
  } finally {
    tree.delete();
  }
}

/** Number of ERROR and MISSING nodes: used to tell "the fix broke the syntax" apart from "it was broken before". */
export function countSyntaxErrors(root: Node | { hasError: boolean }): number {
  if (!(root instanceof Object) || !root.hasError) return 0;
  if (!('children' in root)) return 1;
  let n = 0;
  const stack: Node[] = [root as Node];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.isError || node.isMissing) n++;
    for (const c of node.children) if (c.hasError) stack.push(c);
  }
  return n;
}

export type { Tree, Node };
