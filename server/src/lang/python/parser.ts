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
import { copyTree, cursorExports, joinPieces, Node, nextNodeId, sourceText, type CursorExports, type Moved, type SourceText } from './tree';
import { BODY_PREFIX, pythonPieces, type Piece } from './chunks';

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
  const pieces = pythonPieces(text);
  const src: SourceText = { text };
  if (pieces.length === 1) return parsePiece(src, 0, text.length, 0);
  const roots: Node[] = [];
  for (let k = 0; k < pieces.length; k++) roots.push(parsePiece(src, pieces[k].start, pieces[k].end, k ? nextNodeId() : 1, pieces[k].body));
  return assemblePieces(src, pieces, roots);
}

/**
 * The tree of text[start, end), copied with offsets into `text` and ids from `firstId`. A body
 * piece is parsed after its prefix (chunks.ts, BODY_PREFIX), whose nodes get offsets before `start`.
 */
export function parsePiece(source: string | SourceText, start: number, end: number, firstId: number, body: Piece['body'] = null): Node {
  const prefix = body ? BODY_PREFIX[body] : '';
  const src = sourceText(source);
  const text = src.text;
  const tree = parsePython(start === 0 && end === text.length ? text : prefix + text.slice(start, end));
  try {
    return copyTree(tree, src, cursorFns, start - prefix.length, firstId);
  } finally {
    tree.delete();
  }
}

/**
 * The module from the trees of its pieces (`roots[k]` the tree of `pieces[k]`, offsets into
 * `text`): top-level pieces give the module's children; a body piece's statements go to the end
 * of the body of the definition that ends the piece before it, whose range (and its decorated
 * definition's) then ends where they end. The nodes of `roots` are moved, not copied, and none
 * of them is changed but for its parent: what a body piece extends (the piece's root, the
 * definition, its body) is a new node holding the same children. The language server keeps the
 * pieces' nodes and assembles them again for the next text, so a node a rule has seen (and may
 * have cached an answer for) never gains children.
 */
export function assemblePieces(source: string | SourceText, pieces: readonly Piece[], roots: readonly Node[], undo?: Moved): Node {
  const src = sourceText(source);
  const tops: Node[] = [];
  /** the nodes this assembly made: extended further by the next body piece, not copied again */
  const made = new Set<Node>();
  const copyOf = (n: Node): Node => {
    const c = new Node(n.id, n.type, n.startIndex, n.endIndex, n.isNamed, n.isMissing, src);
    for (let i = 0; i < n.children.length; i++) {
      undo?.push([n.children[i], n.children[i].parent]);
      c.addChild(n.children[i], n.fieldNameForChild(i));
    }
    c.hasError = n.hasError;
    made.add(c);
    return c;
  };
  /** `parent`'s child `child`, replaced by a copy (once per assembly) */
  const own = (parent: Node, child: Node): Node => {
    if (made.has(child)) return child;
    const c = copyOf(child);
    parent.children[parent.children.indexOf(child)] = c;
    c.parent = parent;
    return c;
  };
  for (let k = 0; k < pieces.length; k++) {
    const p = pieces[k];
    const root = roots[k];
    if (!p.body || !tops.length) {
      tops.push(root);
      continue;
    }
    if (!made.has(tops[tops.length - 1])) tops[tops.length - 1] = copyOf(tops[tops.length - 1]);
    const top = tops[tops.length - 1];
    // the body's statements, under the prefix's definition; anything else the piece holds (only when it has errors)
    const def = root.children[0];
    const block = def?.type === DEFINITION_TYPE[p.body] && def.startIndex < p.start ? def.childForFieldName('body') : null;
    const moved = [...(block?.children ?? []), ...root.children.filter((c) => c !== def && c.startIndex >= p.start)];
    let last: Node | undefined = top.children[top.children.length - 1];
    let target = last?.type === 'decorated_definition' ? last.childForFieldName('definition') : last;
    let into = target && (target.type === 'class_definition' || target.type === 'function_definition') ? target.childForFieldName('body') : null;
    if (into && last && target) {
      last = own(top, last);
      target = last.type === 'decorated_definition' ? own(last, last.childForFieldName('definition')!) : last;
      into = own(target, target.childForFieldName('body')!);
    }
    const parent = into ?? top;
    for (const c of moved) {
      undo?.push([c, c.parent]);
      parent.addChild(c, null);
    }
    const end = block ? block.endIndex : moved.length ? moved[moved.length - 1].endIndex : parent.endIndex;
    if (into) for (const n of [into, target!, ...(last !== target ? [last!] : [])]) (n as { endIndex: number }).endIndex = Math.max(n.endIndex, end);
    if (root.hasError) for (let n: Node | null = parent; n; n = n.parent) n.hasError = true;
  }
  return tops.length === 1 && pieces.length === 1 ? tops[0] : joinPieces(src, tops, undo);
}

const DEFINITION_TYPE: Record<NonNullable<Piece['body']>, string> = { class: 'class_definition', def: 'function_definition' };

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
