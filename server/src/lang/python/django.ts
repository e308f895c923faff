/**
 * Django ORM knowledge shared by the locking rules: which expressions read a
 * row or a queryset, which write it, whether code runs inside
 * `transaction.atomic`, and the edits that make a function atomic.
 *
 * Recognition is structural plus bindings, not names alone: a manager chain
 * is `<Model>.objects` / `._default_manager` (also `type(x).objects`), a
 * queryset kept in a local (`qs = Event.objects.filter(...)`) is followed back
 * to its assignment, `get_object_or_404` and `transaction.atomic` are resolved
 * through imports and aliases.
 */
import { sharedFacts } from '../shared-cost';
import type { Node } from './tree';
import type { TextEdit } from '../../text/edits';
import type { PyBindings } from './bindings';
import { detectEol } from '../../text/positions';
import { callArgs, indentAt } from './ast';
import { ensureFromImport } from './edits';
import { isPythonTestCode } from '../scope';
import * as path from 'node:path';
import { findPythonModule } from './bindings';
import { parsePythonTree } from './parser';
import { ModuleCache } from '../modules';

/**
 * Code that never runs concurrently in production: test modules (a test
 * database, one process) and data migrations (run once, by one process).
 */
export function outsideProductionPython(path: string, text: string): boolean {
  return isPythonTestCode(path, text) || /(^|[\\/])migrations[\\/][^\\/]+\.py$/.test(path);
}

export const ATOMIC_QNAMES = new Set(['django.db.transaction.atomic', 'django.db.transaction.atomic()']);
const MANAGER_NAMES = new Set(['objects', '_default_manager', '_base_manager', 'all_objects']);
/** Queryset methods that evaluate to one row (or None). */
export const ROW_READ_METHODS = new Set(['get', 'first', 'last', 'earliest', 'latest', 'aget', 'afirst', 'alast', 'aearliest', 'alatest']);
const GET_OR_404 = new Set([
  'django.shortcuts.get_object_or_404',
  'rest_framework.generics.get_object_or_404',
  'django.shortcuts.aget_object_or_404',
]);

/** One call in a method chain: `.filter(...)`. */
export interface ChainLink {
  method: string;
  call: Node;
  /** the `attribute` node `x.method` */
  attr: Node;
}

/** A queryset expression taken apart: `Event.objects.select_for_update().filter(id=1)`. */
export interface OrmChain {
  /** the model expression (`Event`, `models.Event`, `type(page)`) */
  model: Node;
  /** the `Event.objects` attribute node */
  manager: Node;
  /** calls after the manager, innermost first (`select_for_update`, `filter`, `get`) */
  links: ChainLink[];
  /** locals the chain went through (`qs = Event.objects.filter(...)`): their assigned values */
  via: Node[];
}

function unwrap(n: Node | null | undefined): Node | null {
  let cur = n ?? null;
  while (cur && (cur.type === 'await' || cur.type === 'parenthesized_expression')) cur = cur.namedChildren[0] ?? null;
  return cur;
}

/** The innermost function enclosing a node (null at module level). */
export function enclosingFunction(node: Node): Node | null {
  let cur = node.parent;
  while (cur) {
    if (cur.type === 'function_definition') return cur;
    if (cur.type === 'lambda') return null;
    cur = cur.parent;
  }
  return null;
}

/** The value most recently assigned to a local name before `at`, inside `fn` (not nested functions). */
export function localValue(fn: Node | null, name: string, at: number): Node | null {
  if (!fn) return null;
  const body = fn.childForFieldName('body');
  if (!body) return null;
  let best: Node | null = null;
  for (const a of assignmentsIn(body)) {
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (left?.type === 'identifier' && left.text === name && right && a.endIndex <= at) {
      if (!best || a.startIndex > best.startIndex) best = a;
    }
  }
  return best ? best.childForFieldName('right') : null;
}

const assignmentsOf = new WeakMap<Node, Node[]>();

/**
 * Every `assignment` node in a block, not descending into nested functions or
 * classes. Memoised per block: `localValue` asks for every name a queryset
 * chain goes through, which would otherwise walk the body once per lookup.
 */
export function assignmentsIn(body: Node): Node[] {
  let hit = assignmentsOf.get(body);
  if (!hit) {
    hit = descendantsNoNested(body, (n) => n.type === 'assignment');
    assignmentsOf.set(body, hit);
  }
  return hit;
}

/** Descendants matching `pred`, in source order, not entering nested defs/classes/lambdas. */
export function descendantsNoNested(root: Node, pred: (n: Node) => boolean): Node[] {
  // an explicit stack, not recursion: a 20,000-term expression is 20,000 levels deep
  const out: Node[] = [];
  const stack: Node[] = [];
  const pushChildren = (n: Node): void => {
    // the named children, without building (and keeping) each node's named-children list
    const kids = n.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      const c = kids[i];
      if (!c.isNamed) continue;
      if (c.type === 'function_definition' || c.type === 'class_definition' || c.type === 'lambda' || c.type === 'decorated_definition') continue;
      stack.push(c);
    }
  };
  pushChildren(root);
  while (stack.length) {
    const c = stack.pop()!;
    if (pred(c)) out.push(c);
    pushChildren(c);
  }
  return out;
}

/**
 * Takes a queryset/row expression apart. Follows locals assigned in the same
 * function (`qs = Event.objects.filter(...); qs.first()`). Null when the chain
 * does not start at a Django manager.
 */
export function ormChain(expr: Node | null | undefined, fn: Node | null, depth = 0): OrmChain | null {
  let cur = unwrap(expr);
  const links: ChainLink[] = [];
  while (cur) {
    if (cur.type === 'call') {
      const f = cur.childForFieldName('function');
      if (f?.type !== 'attribute') return null;
      const attr = f.childForFieldName('attribute');
      const obj = f.childForFieldName('object');
      if (!attr || !obj) return null;
      links.unshift({ method: attr.text, call: cur, attr: f });
      cur = unwrap(obj);
      continue;
    }
    if (cur.type === 'attribute') {
      const attr = cur.childForFieldName('attribute');
      const obj = cur.childForFieldName('object');
      if (!attr || !obj) return null;
      if (MANAGER_NAMES.has(attr.text) && looksLikeModel(obj)) return { model: obj, manager: cur, links, via: [] };
      return null;
    }
    if (cur.type === 'identifier' && depth < 4) {
      const value = localValue(fn, cur.text, cur.startIndex);
      if (!value) return null;
      const inner = ormChain(value, fn, depth + 1);
      if (!inner) return null;
      return { ...inner, links: [...inner.links, ...links], via: [...inner.via, value] };
    }
    return null;
  }
  return null;
}

/** `Event`, `models.Event`, `type(page)`, `self.model`: what a manager hangs off. */
function looksLikeModel(n: Node): boolean {
  if (n.type === 'identifier') return /^[A-Z]/.test(n.text) || n.text === 'model' || n.text === 'cls';
  if (n.type === 'attribute') {
    const a = n.childForFieldName('attribute')?.text ?? '';
    return /^[A-Z]/.test(a) || a === 'model' || a === '__class__';
  }
  if (n.type === 'call') return n.childForFieldName('function')?.text === 'type';
  return false;
}

export function chainHas(chain: OrmChain, method: string): boolean {
  return chain.links.some((l) => l.method === method);
}

/** A read of one row: `M.objects....get()/first()/last()`, `get_object_or_404(M, ...)`. */
export interface RowRead {
  /** the whole read expression (the call) */
  call: Node;
  /** the queryset chain, when the read goes through a manager */
  chain: OrmChain | null;
  /** `get_object_or_404(<first arg>, ...)`: the model or queryset argument */
  shortcutArg: Node | null;
  locked: boolean;
}

export function rowRead(expr: Node | null | undefined, fn: Node | null, bindings: PyBindings): RowRead | null {
  const e = unwrap(expr);
  if (!e || e.type !== 'call') return null;
  const f = e.childForFieldName('function');
  if (!f) return null;
  if (f.type === 'identifier' || f.type === 'attribute') {
    // cheap first: the file's own import map (aliases included); the full resolution, which may parse
    // the project module a name comes from, only for names that say what they are (re-exports)
    const local = f.type === 'identifier' ? bindings.imports.get(f.text) : undefined;
    const q = local && GET_OR_404.has(local) ? local : /get_object_or_404$/.test(f.text) ? bindings.resolve(f) : null;
    if (q && GET_OR_404.has(q)) {
      const first = callArgs(e)[0] ?? null;
      if (!first) return null;
      const chain = first.type === 'identifier' && /^[A-Z]/.test(first.text) ? null : ormChain(first, fn);
      if (first.type !== 'identifier' && first.type !== 'attribute' && !chain) return null;
      return { call: e, chain, shortcutArg: first, locked: !!chain && chainHas(chain, 'select_for_update') };
    }
  }
  if (f.type !== 'attribute') return null;
  const method = f.childForFieldName('attribute')?.text ?? '';
  // DRF `self.get_object()`: the view's queryset filtered to one row; locked when the
  // class's get_queryset takes the lock
  if (method === 'get_object' && f.childForFieldName('object')?.text === 'self' && callArgs(e).length === 0) {
    return { call: e, chain: null, shortcutArg: null, locked: classLocksQueryset(fn) };
  }
  if (!ROW_READ_METHODS.has(method)) return null;
  const chain = ormChain(e, fn);
  if (!chain) return null;
  return { call: e, chain, shortcutArg: null, locked: chainHas(chain, 'select_for_update') };
}

/** The class around a method defines `get_queryset` (or `queryset =`) with `select_for_update()`. */
function classLocksQueryset(fn: Node | null): boolean {
  let cur = fn?.parent ?? null;
  while (cur && cur.type !== 'class_definition') cur = cur.parent;
  const body = cur?.childForFieldName('body');
  if (!body) return false;
  return body.namedChildren.some((c) => {
    if (!c) return false;
    const def = c.type === 'decorated_definition' ? c.childForFieldName('definition') : c;
    if (def?.type === 'function_definition' && def.childForFieldName('name')?.text === 'get_queryset') return def.text.includes('select_for_update');
    return c.type === 'expression_statement' && /^queryset\s*=/.test(c.text) && c.text.includes('select_for_update');
  });
}

/** Is this decorator / context-manager expression `transaction.atomic` (bare or called)? */
export function isAtomicExpr(expr: Node | null | undefined, bindings: PyBindings): boolean {
  const e = unwrap(expr);
  if (!e) return false;
  const target = e.type === 'call' ? e.childForFieldName('function') : e;
  const q = bindings.resolve(target);
  if (q && ATOMIC_QNAMES.has(q)) return true;
  // project wrappers around atomic, named for what they do: `transaction_with_commit_on_errors()`,
  // `atomic_with_retry()`, `db.atomic_block()`
  if (e.type === 'call' && target) {
    const last = target.type === 'attribute' ? (target.childForFieldName('attribute')?.text ?? '') : target.text;
    if (/atomic/i.test(last) || /^transaction_/i.test(last)) return true;
  }
  // `method_decorator(transaction.atomic, name="dispatch")`
  if (e.type === 'call' && /(^|\.)method_decorator$/.test(target?.text ?? '')) {
    return isAtomicExpr(callArgs(e)[0], bindings);
  }
  return false;
}

function decoratorsOf(def: Node): Node[] {
  const p = def.parent;
  if (p?.type !== 'decorated_definition') return [];
  return p.namedChildren.filter((c): c is Node => !!c && c.type === 'decorator');
}

function decoratorExpr(dec: Node): Node | null {
  return dec.namedChildren.find((c) => c && c.type !== 'comment') ?? null;
}

/**
 * Is `node` executed inside `transaction.atomic`? Looks at `with
 * transaction.atomic():` blocks up to the enclosing function, the function's
 * decorators, and class decorators `@method_decorator(transaction.atomic, ...)`.
 */
export function inAtomic(node: Node, bindings: PyBindings): boolean {
  let cur: Node | null = node.parent;
  while (cur) {
    if (cur.type === 'with_statement') {
      for (const item of cur.descendantsOfType('with_item')) {
        if (!item || item.parent?.parent?.id !== cur.id) continue;
        let v = item.childForFieldName('value');
        if (v?.type === 'as_pattern') v = v.namedChildren[0] ?? null;
        if (isAtomicExpr(v, bindings)) return true;
      }
    }
    if (cur.type === 'function_definition') {
      if (decoratorsOf(cur).some((d) => isAtomicExpr(decoratorExpr(d), bindings))) return true;
      // a method of a class decorated with method_decorator(transaction.atomic, ...)
      const cls = cur.parent?.parent?.type === 'class_definition' ? cur.parent.parent : cur.parent?.parent?.parent?.type === 'class_definition' ? cur.parent.parent.parent : null;
      if (cls && decoratorsOf(cls).some((d) => isAtomicExpr(decoratorExpr(d), bindings))) return true;
      return false;
    }
    if (cur.type === 'lambda' || cur.type === 'class_definition') return false;
    cur = cur.parent;
  }
  return false;
}

/** Decorators that must stay outside (above) `@transaction.atomic`. */
function isAsync(def: Node): boolean {
  return def.children.some((c) => c?.type === 'async');
}

/**
 * Edits that make a function atomic: `@transaction.atomic` placed directly
 * above the `def` (below route, view, permission and task decorators, so the
 * transaction wraps only the function body), plus the import merged into an
 * existing `from django.db import ...`. Null for async functions (Django's
 * `atomic` does not support them) and for code outside functions.
 */
export function makeAtomicEdits(text: string, root: Node, fn: Node | null, bindings: PyBindings): TextEdit[] | null {
  if (!fn || isAsync(fn)) return null;
  if (inAtomic(fn.namedChildren[0] ?? fn, bindings)) return [];
  // which name to use: an existing import of `atomic` or of `transaction` made before the function
  let decorator = 'transaction.atomic';
  let importEdit: TextEdit | null = null;
  const outer = fn.parent?.type === 'decorated_definition' ? fn.parent : fn;
  const local = importedBefore(root, outer.startIndex, 'django.db.transaction', 'atomic');
  const txLocal = importedBefore(root, outer.startIndex, 'django.db', 'transaction');
  if (local) decorator = local;
  else if (txLocal) decorator = `${txLocal}.atomic`;
  else {
    const q = bindings.imports.get('transaction');
    if (q && q !== 'django.db.transaction') return null; // `transaction` means something else here
    importEdit = ensureFromImport(text, root, 'django.db', 'transaction', bindings.filePath);
  }
  const defStart = fn.startIndex;
  const indent = indentAt(text, defStart);
  let lineStart = defStart;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  if (text.slice(lineStart, defStart).trim() !== '') return null; // `def` not at the start of its line
  const eol = detectEol(text);
  const edits: TextEdit[] = [{ start: lineStart, end: lineStart, newText: `${indent}@${decorator}${eol}` }];
  if (importEdit) edits.push(importEdit);
  return edits;
}

/** Edit adding `.select_for_update()` to a row read, or null when there is no safe place. */
export function addSelectForUpdateEdit(read: RowRead): TextEdit | null {
  if (read.locked) return null;
  if (read.chain) {
    const at = read.chain.manager.endIndex;
    return { start: at, end: at, newText: '.select_for_update()' };
  }
  if (read.shortcutArg && (read.shortcutArg.type === 'identifier' || read.shortcutArg.type === 'attribute')) {
    const at = read.shortcutArg.endIndex;
    return { start: at, end: at, newText: '.objects.select_for_update()' };
  }
  return null;
}

/** Identifiers referenced in a subtree (any position). */
export function namesIn(n: Node): Set<string> {
  const out = new Set<string>();
  if (n.type === 'identifier') out.add(n.text);
  for (const d of n.descendantsOfType('identifier')) if (d) out.add(d.text);
  return out;
}

/** `F(...)` (django.db.models.F) appears in the expression. */
export function usesF(expr: Node | null | undefined, bindings: PyBindings): boolean {
  if (!expr) return false;
  const calls = expr.type === 'call' ? [expr, ...expr.descendantsOfType('call')] : expr.descendantsOfType('call');
  for (const c of calls) {
    if (!c) continue;
    const q = bindings.resolve(c.childForFieldName('function'));
    if (q === 'django.db.models.F' || q === 'django.db.models.expressions.F') return true;
  }
  return false;
}

/** The local name under which `from <module> import <name>` is bound by a module-level import before `pos`. */
export function importedBefore(root: Node, pos: number, module: string, name: string): string | null {
  for (const stmt of root.namedChildren) {
    if (!stmt || stmt.startIndex >= pos) break;
    if (stmt.type !== 'import_from_statement' || stmt.childForFieldName('module_name')?.text !== module) continue;
    for (const n of stmt.childrenForFieldName('name')) {
      if (!n) continue;
      if (n.type === 'dotted_name' && n.text === name) return name;
      if (n.type === 'aliased_import' && n.childForFieldName('name')?.text === name) return n.childForFieldName('alias')?.text ?? null;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------
// The project's own models (cross-file): their classes, relation fields and
// methods that write the row.

/** Parsed models modules, by path, re-read when they change on disk (the shared module cache). */
const modelTrees = new ModuleCache<{ root: Node }>((_file, text) => sharedFacts(() => ({ root: parsePythonTree(text) }), 'modules'));

function moduleClasses(root: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const stmt of root.namedChildren) {
    const c = stmt?.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    const name = c?.type === 'class_definition' ? c.childForFieldName('name')?.text : null;
    if (c && name) out.set(name, c);
  }
  return out;
}

/**
 * The project's model classes this file can see: its own classes, the classes
 * it imports from project modules (`from .models import Wallet`) and those of
 * the app's `models.py` (next to the file or one folder up), by name.
 */
const classesOfFile = new WeakMap<Node, Map<string, Node>>();

export function projectModelClasses(root: Node, filePath: string | undefined): Map<string, Node> {
  const hit = classesOfFile.get(root);
  if (hit) return hit;
  const out = moduleClasses(root);
  classesOfFile.set(root, out);
  if (!filePath || !path.isAbsolute(filePath)) return out;
  const files = new Set<string>();
  // only models modules (`from .models import Wallet`, `from shop.models.wallet import ...`): parsing
  // every imported project module would cost more than the file itself
  for (const stmt of root.namedChildren) {
    if (stmt?.type !== 'import_from_statement') continue;
    const mod = stmt.childForFieldName('module_name')?.text;
    if (!mod || !/(^|\.)models(\.|$)/.test(mod)) continue;
    const file: string | null = findPythonModule(filePath, mod);
    if (file && file !== filePath) files.add(file);
  }
  for (const dir of [path.dirname(filePath), path.dirname(path.dirname(filePath))]) {
    for (const f of [path.join(dir, 'models.py'), path.join(dir, 'models', '__init__.py')]) if (f !== filePath) files.add(f);
  }
  for (const f of files) {
    const tree = modelTrees.get(f);
    if (!tree) continue;
    for (const [name, cls] of moduleClasses(tree.root)) if (!out.has(name)) out.set(name, cls);
  }
  return out;
}

function classMethod(cls: Node, name: string): Node | null {
  for (const c of cls.childForFieldName('body')?.namedChildren ?? []) {
    const def = c?.type === 'decorated_definition' ? c.childForFieldName('definition') : c;
    if (def?.type === 'function_definition' && def.childForFieldName('name')?.text === name) return def;
  }
  return null;
}

/** What a model method does to its row: the fields it assigns, whether one is moved relative to itself (`self.balance -= x`). */
export interface MethodWrite {
  fields: string[];
  relative: boolean;
}

/**
 * `row.withdraw(amount)` where the model's `withdraw` assigns `self.<field>`
 * and calls `self.save(...)`: a write of those fields. Null when no class in
 * reach defines such a method (then the call is not known to write the row).
 */
export function modelMethodWrite(method: string, classes: Iterable<Node>): MethodWrite | null {
  if (/^(save|asave|delete|refresh_from_db|full_clean|clean|get_\w+|__\w+__)$/.test(method)) return null;
  for (const cls of classes) {
    const def = classMethod(cls, method);
    if (!def) continue;
    const self = def.childForFieldName('parameters')?.namedChildren[0]?.text ?? 'self';
    const body = def.childForFieldName('body');
    if (!body) continue;
    const saves = descendantsNoNested(body, (n) => n.type === 'call' && n.childForFieldName('function')?.text === `${self}.save`);
    if (!saves.length) continue;
    const fields: string[] = [];
    let relative = false;
    for (const a of descendantsNoNested(body, (n) => n.type === 'assignment' || n.type === 'augmented_assignment')) {
      const l = a.childForFieldName('left');
      if (l?.type !== 'attribute' || l.childForFieldName('object')?.text !== self) continue;
      const f = l.childForFieldName('attribute')?.text;
      if (!f) continue;
      fields.push(f);
      if (a.type === 'augmented_assignment' || (a.childForFieldName('right')?.text ?? '').includes(`${self}.${f}`)) relative = true;
    }
    if (fields.length) return { fields, relative };
  }
  return null;
}

/**
 * The model a relation field points to: `wallet = models.ForeignKey(Wallet, ...)`
 * / `OneToOneField("Wallet", ...)` in the given classes (all that declare the
 * field must agree). Null when unknown.
 */
export function relationTarget(field: string, classes: Iterable<Node>): string | null {
  let found: string | null = null;
  for (const cls of classes) {
    for (const c of cls.childForFieldName('body')?.namedChildren ?? []) {
      if (c?.type !== 'expression_statement') continue;
      const a = c.namedChildren[0];
      if (a?.type !== 'assignment' || a.childForFieldName('left')?.text !== field) continue;
      const r = a.childForFieldName('right');
      const callee = r?.type === 'call' ? r.childForFieldName('function')?.text ?? '' : '';
      if (!/(^|\.)(ForeignKey|OneToOneField)$/.test(callee)) continue;
      const first = callArgs(r!)[0] ?? keywordArgOf(r!, 'to');
      const target = first?.type === 'string' ? (first.text.slice(1, -1).split('.').pop() ?? '') : first?.type === 'identifier' ? first.text : first?.type === 'attribute' ? (first.childForFieldName('attribute')?.text ?? '') : '';
      if (!/^[A-Z]\w*$/.test(target)) return null;
      if (found && found !== target) return null;
      found = target;
    }
  }
  return found;
}

function keywordArgOf(call: Node, name: string): Node | null {
  for (const a of callArgs(call)) if (a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name) return a.childForFieldName('value');
  return null;
}
