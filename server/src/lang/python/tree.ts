/**
 * A plain-JavaScript copy of a tree-sitter tree.
 *
 * web-tree-sitter answers every `node.parent`, `childForFieldName` or
 * `namedChildren` by crossing into WebAssembly and allocating a fresh wrapper
 * object; profiling showed rules spending about 90% of their time there. So
 * the runner copies the tree once per file with a single cursor walk into
 * these objects (same member names as web-tree-sitter's `Node`, so rules and
 * codemods read like tree-sitter code), frees the wasm tree, and every rule
 * then works on ordinary objects with parent pointers and cached child lists.
 *
 * The walk itself calls the cursor functions of the WebAssembly module
 * directly (see `CursorExports`): web-tree-sitter's `TreeCursor` copies the
 * cursor's state between JavaScript and the module's transfer buffer around
 * every call, which cost two thirds of the copy. Leaves share one empty
 * child list.
 */
import type { Tree, Language } from 'web-tree-sitter';

/** The child list of every leaf (frozen: a leaf gets a list of its own when a child is added). */
const NO_NODES: Node[] = Object.freeze([]) as unknown as Node[];
const NO_FIELDS: Array<string | null> = Object.freeze([]) as unknown as Array<string | null>;

/**
 * The text a tree's nodes read theirs from. Every node of a tree holds the same one, so the
 * language server gives the kept nodes of a document its next text with one assignment.
 */
export interface SourceText {
  text: string;
}

/** `text` as a SourceText (a new one for a string). */
export function sourceText(text: string | SourceText): SourceText {
  return typeof text === 'string' ? { text } : text;
}

export class Node {
  parent: Node | null = null;
  children: Node[] = NO_NODES;
  /** field name of each child, parallel to `children` (NO_FIELDS while no child has one) */
  private fields: Array<string | null> = NO_FIELDS;
  private named: Node[] | null = null;
  hasError = false;

  constructor(
    readonly id: number,
    readonly type: string,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    private readonly src: SourceText,
  ) {}

  get isError(): boolean {
    return this.type === 'ERROR';
  }

  get text(): string {
    return this.src.text.slice(this.startIndex, this.endIndex);
  }

  get childCount(): number {
    return this.children.length;
  }

  get namedChildren(): Node[] {
    if (!this.named) this.named = this.children.filter((c) => c.isNamed);
    return this.named;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  child(i: number): Node | null {
    return this.children[i] ?? null;
  }

  namedChild(i: number): Node | null {
    return this.namedChildren[i] ?? null;
  }

  get firstChild(): Node | null {
    return this.children[0] ?? null;
  }

  get lastChild(): Node | null {
    return this.children[this.children.length - 1] ?? null;
  }

  get firstNamedChild(): Node | null {
    return this.namedChildren[0] ?? null;
  }

  get lastNamedChild(): Node | null {
    const n = this.namedChildren;
    return n[n.length - 1] ?? null;
  }

  childForFieldName(name: string): Node | null {
    const i = this.fields.indexOf(name);
    return i < 0 ? null : this.children[i];
  }

  childrenForFieldName(name: string): Node[] {
    const out: Node[] = [];
    for (let i = 0; i < this.fields.length; i++) if (this.fields[i] === name) out.push(this.children[i]);
    return out;
  }

  fieldNameForChild(i: number): string | null {
    return this.fields[i] ?? null;
  }

  private siblingIndex(): number {
    return this.parent ? this.parent.children.indexOf(this) : -1;
  }

  get nextSibling(): Node | null {
    const i = this.siblingIndex();
    return i < 0 ? null : (this.parent!.children[i + 1] ?? null);
  }

  get previousSibling(): Node | null {
    const i = this.siblingIndex();
    return i <= 0 ? null : this.parent!.children[i - 1];
  }

  get nextNamedSibling(): Node | null {
    if (!this.parent) return null;
    const sibs = this.parent.children;
    for (let i = sibs.indexOf(this) + 1; i < sibs.length; i++) if (sibs[i].isNamed) return sibs[i];
    return null;
  }

  get previousNamedSibling(): Node | null {
    if (!this.parent) return null;
    const sibs = this.parent.children;
    for (let i = sibs.indexOf(this) - 1; i >= 0; i--) if (sibs[i].isNamed) return sibs[i];
    return null;
  }

  /** Every descendant (not the node itself) of the given type(s), in document order. */
  descendantsOfType(types: string | readonly string[]): Node[] {
    const want = typeof types === 'string' ? [types] : types;
    const out: Node[] = [];
    const stack: Node[] = [];
    for (let i = this.children.length - 1; i >= 0; i--) stack.push(this.children[i]);
    while (stack.length) {
      const n = stack.pop()!;
      if (want.includes(n.type)) out.push(n);
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
    return out;
  }

  /** The smallest descendant (or this node) spanning [start, end). */
  descendantForIndex(start: number, end = start): Node {
    let cur: Node = this;
    for (;;) {
      const next: Node | undefined = cur.children.find((c) => c.startIndex <= start && end <= c.endIndex && (c.startIndex < c.endIndex || start === c.startIndex));
      if (!next) return cur;
      cur = next;
    }
  }

  equals(other: Node | null | undefined): boolean {
    return other === this;
  }

  toString(): string {
    return `(${this.type} ${this.startIndex}-${this.endIndex})`;
  }

  /** @internal used by the copy: the complete child list (and their field names, null when none has one) */
  setChildren(children: Node[], fields: Array<string | null> | null): void {
    this.children = children.length ? children : NO_NODES;
    this.fields = fields ?? NO_FIELDS;
  }

  /** @internal used by the builder */
  addChild(child: Node, field: string | null): void {
    child.parent = this;
    if (this.children === NO_NODES) this.children = [child];
    else this.children.push(child);
    if (field !== null) {
      if (this.fields === NO_FIELDS) this.fields = new Array<string | null>(this.children.length - 1).fill(null);
      this.fields.push(field);
    } else if (this.fields !== NO_FIELDS) this.fields.push(null);
  }
}

/**
 * The cursor functions of web-tree-sitter's WebAssembly module (its Emscripten `Module`, which
 * `Parser.init` fills in on the options object it is given). Each takes the tree's address and
 * works on the cursor held in the module's transfer buffer, leaving the moved cursor there: a
 * walk that only calls these keeps the cursor in the buffer from start to end.
 */
export interface CursorExports {
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_delete_wasm(tree: number): void;
}

const CURSOR_FUNCTIONS: ReadonlyArray<keyof CursorExports> = [
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_current_node_is_missing_wasm',
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_delete_wasm',
];

/** The module's cursor functions when all of them are there (another web-tree-sitter build may lack them). */
export function cursorExports(module: object): CursorExports | null {
  const m = module as Record<string, unknown>;
  return CURSOR_FUNCTIONS.every((f) => typeof m[f] === 'function') ? (module as CursorExports) : null;
}

/**
 * Copies a tree-sitter tree into `Node`s with one cursor walk. The caller may delete `tree`
 * afterwards. With `exports` (the module's cursor functions) the walk calls them directly;
 * without, it goes through web-tree-sitter's `TreeCursor`. A tree of a piece of `source` (see
 * chunks.ts) is copied with `base`, the piece's offset in it, and `firstId`, the first node id.
 * With `reuse` (the copy of the tree before an edit, see Reuse), the nodes the edit left alone
 * are taken from that copy instead of copied again (the module walk only).
 */
export function copyTree(tree: Tree, text: string | SourceText, exports?: CursorExports | null, base = 0, firstId = 0, reuse?: Reuse | null): Node {
  const source = sourceText(text);
  const lang: Language = tree.language;
  const types = lang.types;
  const fieldNames = lang.fields;
  const named = namedTable(lang);
  // MISSING nodes only exist in trees with errors: skip that question for clean trees
  const mayHaveMissing = tree.rootNode.hasError;
  const cursor = tree.walk();
  if (exports) return copyDirect(tree, source, exports, types, fieldNames, named, mayHaveMissing, base, firstId, reuse ?? null);
  let nextId = firstId;
  const make = (): Node => {
    const typeId = cursor.nodeTypeId;
    const type = typeName(typeId, types);
    const isNamed = typeId === 65535 || named[typeId] === true;
    return new Node(nextId++, type, base + cursor.startIndex, base + cursor.endIndex, isNamed, mayHaveMissing ? cursor.nodeIsMissing : false, source);
  };
  const root = make();
  let cur = root;
  if (cursor.gotoFirstChild()) {
    for (;;) {
      const fieldId = cursor.currentFieldId;
      const node = make();
      cur.addChild(node, fieldId ? (fieldNames[fieldId] ?? null) : null);
      if (cursor.gotoFirstChild()) {
        cur = node;
        continue;
      }
      // climb until a sibling exists
      let moved = cursor.gotoNextSibling();
      while (!moved) {
        if (!cursor.gotoParent() || cur === root) {
          cursor.delete();
          markErrors(root);
          nextFreeId = nextId;
          return root;
        }
        cur = cur.parent!;
        moved = cursor.gotoNextSibling();
      }
    }
  }
  cursor.delete();
  markErrors(root);
  nextFreeId = nextId;
  return root;
}

/**
 * What a copy may take from the copy of the tree before one edit: a tree-sitter tree re-parsed
 * from an edited tree shares the structure of every part the edit did not reach, and so can its
 * copy. A node of the new tree is taken from `oldRoot` (moved to its new place, with its whole
 * subtree) when it lies wholly before the edit or wholly after it, touches no range
 * tree-sitter reports as changed, and the old copy has a node of its type over the same text.
 * Offsets are the tree's own (of the parsed text, before `base` is added); `oldBase` is where the
 * old copy's offsets start in its text.
 */
export interface Reuse {
  oldRoot: Node;
  oldBase: number;
  /** the edit: [start, oldEnd) of the old text became [start, newEnd) */
  start: number;
  oldEnd: number;
  newEnd: number;
  /** `newTree.getChangedRanges(oldTree)`: where the structure changed, in the new tree's offsets */
  changed: ReadonlyArray<{ startIndex: number; endIndex: number }>;
}

function typeName(typeId: number, types: readonly string[]): string {
  return typeId === 65535 ? 'ERROR' : (types[typeId] ?? 'ERROR');
}

/** The node of `root`'s subtree (not root itself) spanning exactly [start, end) with `type`, outermost first. */
function findNode(root: Node, start: number, end: number, type: string): Node | null {
  let cur = root;
  for (;;) {
    const kids = cur.children;
    // the last child starting at or before `start`
    let lo = 0;
    let hi = kids.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (kids[mid].startIndex <= start) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // zero-width nodes share a start with the next: step back over those that end before `end`
    while (at > 0 && kids[at].endIndex < end && kids[at - 1].startIndex === kids[at].startIndex) at--;
    const child = at >= 0 ? kids[at] : undefined;
    if (!child || child.endIndex < end) return null;
    if (child.startIndex === start && child.endIndex === end && child.type === type) return child;
    if (child.startIndex > start) return null;
    cur = child;
  }
}

/**
 * The walk of `copyTree` on the module's cursor functions. `tree.walk()` has just put a new
 * cursor on the root into the transfer buffer; nothing else touches the buffer until the walk
 * deletes the cursor (the copy is synchronous). Same nodes, ids and fields as the other walk.
 */
function copyDirect(
  tree: Tree,
  source: SourceText,
  x: CursorExports,
  types: readonly string[],
  fieldNames: readonly (string | null)[],
  named: boolean[],
  mayHaveMissing: boolean,
  base: number,
  firstId: number,
  reuse: Reuse | null,
): Node {
  const t = (tree as unknown as { 0: number })[0];
  /** The old copy's node for the cursor's node (local range [ls, le), type), or null when it must be copied. */
  const reusable = (ls: number, le: number, type: string): Node | null => {
    if (!reuse) return null;
    let oldStart: number;
    // wholly before or after the edit (a zero-width node at its edge is not)
    if (le < reuse.start || (le === reuse.start && ls < le)) oldStart = ls;
    else if (ls > reuse.newEnd || (ls === reuse.newEnd && le > ls)) oldStart = ls - reuse.newEnd + reuse.oldEnd;
    else return null;
    for (const r of reuse.changed) if (r.startIndex <= le && ls <= r.endIndex) return null;
    return findNode(reuse.oldRoot, reuse.oldBase + oldStart, reuse.oldBase + oldStart + (le - ls), type);
  };
  let nextId = firstId;
  let errors = false;
  const make = (): Node => {
    const typeId = x._ts_tree_cursor_current_node_type_id_wasm(t);
    const isError = typeId === 65535;
    const missing = mayHaveMissing && x._ts_tree_cursor_current_node_is_missing_wasm(t) === 1;
    if (isError || missing) errors = true;
    return new Node(nextId++, typeName(typeId, types), base + x._ts_tree_cursor_start_index_wasm(t), base + x._ts_tree_cursor_end_index_wasm(t), isError || named[typeId] === true, missing, source);
  };
  const root = make();
  let cur = root;
  // the children of the nodes on the way down, in one list (each node's from starts[depth] on):
  // a node gets its child list once it is complete, made to its length (a list grown by push
  // holds 17 slots from its second child on, a quarter of a copied tree's memory)
  const kids: Node[] = [];
  const kidFields: Array<string | null> = [];
  let top = 0;
  /** the old copy's subtrees taken, each followed by how far it moves */
  const moves: Array<Node | number> = [];
  const starts: number[] = [];
  /** per level on the way down: whether a child there has a field name */
  const fielded: boolean[] = [];
  const finish = (n: Node): void => {
    const start = starts.pop()!;
    n.setChildren(kids.slice(start, top), fielded.pop() ? kidFields.slice(start, top) : null);
    top = start;
  };
  try {
    if (x._ts_tree_cursor_goto_first_child_wasm(t)) {
      starts.push(0);
      fielded.push(false);
      walk: for (;;) {
        const fieldId = x._ts_tree_cursor_current_field_id_wasm(t);
        let node: Node;
        let leaf = false;
        const ls = reuse ? x._ts_tree_cursor_start_index_wasm(t) : 0;
        const kept = reuse ? reusable(ls, x._ts_tree_cursor_end_index_wasm(t), typeName(x._ts_tree_cursor_current_node_type_id_wasm(t), types)) : null;
        if (kept) {
          // the old copy's subtree, moved to the new offsets once the walk is done (the lookups
          // of the walk read the old copy's offsets)
          const delta = base + ls - kept.startIndex;
          if (delta !== 0) moves.push(kept, delta);
          if (kept.hasError) errors = true;
          node = kept;
          leaf = true;
        } else node = make();
        node.parent = cur;
        kids[top] = node;
        if (fieldId) {
          kidFields[top] = fieldNames[fieldId] ?? null;
          fielded[fielded.length - 1] = true;
        } else kidFields[top] = null;
        top++;
        if (!leaf && x._ts_tree_cursor_goto_first_child_wasm(t)) {
          starts.push(top);
          fielded.push(false);
          cur = node;
          continue;
        }
        // climb until a sibling exists: each node left has all its children
        while (!x._ts_tree_cursor_goto_next_sibling_wasm(t)) {
          finish(cur);
          if (cur === root || !x._ts_tree_cursor_goto_parent_wasm(t)) break walk;
          cur = cur.parent!;
        }
      }
    }
    // a walk that could not climb back to the root (never seen): the nodes above still get their children
    for (let n = cur; starts.length && n.parent; n = n.parent) finish(n.parent);
  } finally {
    x._ts_tree_cursor_delete_wasm(t);
  }
  for (let i = 0; i < moves.length; i += 2) moveTree(moves[i] as Node, moves[i + 1] as number);
  if (errors) markErrors(root);
  nextFreeId = nextId;
  return root;
}

/** The id after the last one the latest copy or clone gave (where the next piece's ids start). */
let nextFreeId = 0;
export function nextNodeId(): number {
  return nextFreeId;
}

/**
 * Moves the nodes of `root` by `delta` code units and makes each node the parent of its
 * children, in place: a piece the language server keeps, unchanged itself, where an edit before
 * it moved it in the next text of its document. No node is made, so the kept pieces cost no
 * allocation.
 */
export function moveTree(root: Node, delta: number): void {
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    const m = n as unknown as { startIndex: number; endIndex: number };
    m.startIndex += delta;
    m.endIndex += delta;
    const kids = n.children;
    for (let i = 0; i < kids.length; i++) {
      kids[i].parent = n;
      stack.push(kids[i]);
    }
  }
}

/**
 * Kept nodes an assembly gave another parent, each with the parent it had: undone in reverse
 * order, the pieces' trees are as they were copied (see DocumentTrees).
 */
export type Moved = Array<[Node, Node | null]>;

/**
 * The module of `source` from the trees of its pieces (see chunks.ts), each copied at its offset:
 * their top-level nodes become the module's children. Its range is the one tree-sitter gives a
 * module: from its first token (0 when there is none) to the end of the text.
 */
export function joinPieces(source: SourceText, pieces: readonly Node[], moved?: Moved): Node {
  const first = pieces.find((p) => p.children.length);
  const root = new Node(0, pieces[0].type, first ? first.startIndex : 0, source.text.length, true, false, source);
  for (const p of pieces) {
    for (let i = 0; i < p.children.length; i++) {
      moved?.push([p.children[i], p.children[i].parent]);
      root.addChild(p.children[i], p.fieldNameForChild(i));
    }
    if (p.hasError) root.hasError = true;
  }
  return root;
}

const namedTables = new WeakMap<Language, boolean[]>();

/** Whether each node type id is named, asked of the grammar once. */
function namedTable(lang: Language): boolean[] {
  let t = namedTables.get(lang);
  if (!t) {
    t = [];
    for (let id = 0; id < lang.types.length; id++) t[id] = lang.nodeTypeIsNamed(id);
    namedTables.set(lang, t);
  }
  return t;
}

/** Sets hasError bottom-up without recursion (a 20,000-term `+` chain is as deep as it is long). */
function markErrors(root: Node): boolean {
  const order: Node[] = [];
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    order.push(n);
    for (const c of n.children) stack.push(c);
  }
  // children come after their parent in `order`: walking it backwards sees every child first
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i];
    let err = n.isError || n.isMissing;
    if (!err) for (const c of n.children) if (c.hasError) err = true;
    n.hasError = err;
  }
  return root.hasError;
}
