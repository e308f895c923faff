/**
 * Name binding for Python, the way real code is written.
 *
 * `resolve(expr)` answers "what is this expression?" as a dotted qualified
 * name, following imports, aliases and assignments:
 *
 *   import stripe as s            s.PaymentIntent.create      -> stripe.PaymentIntent.create
 *   from stripe import StripeClient
 *   client = StripeClient(key)    client.v1.refunds.create    -> stripe.StripeClient().v1.refunds.create
 *   import requests as r; sess = r.Session()  sess.get        -> requests.Session().get
 *   with requests.Session() as s: s.post                      -> requests.Session().post
 *   self.client = StripeClient()  (in any method)  self.client.x -> stripe.StripeClient().x
 *
 * A call appends `()`, so an instance of a class `C` is `C()`. Names that are
 * parameters, loop variables or anything unknown resolve to `null`: rules only
 * fire on what is provably bound to the library they care about.
 */
import { sharedFacts } from '../shared-cost';
import * as path from 'node:path';
import type { Node } from './tree';
import { parameterNames } from './ast';
import { isDir, isFile, memoModuleLookup, ModuleCache, NEEDS_TREE, type ModuleSummary } from '../modules';
import { forgetOnChange } from '../snapshot';
import { detached } from '../../text/strings';
import { parsePythonTree } from './parser';

const FUNCTION_TYPES = new Set(['function_definition', 'lambda']);

interface ScopeInfo {
  /** name -> value nodes assigned to it in this scope, in source order */
  assigned: Map<string, Node[]>;
  /** names that are parameters of this scope (unknown values) */
  params: Set<string>;
}

export class PyBindings {
  /** local name -> qualified name, from every import statement in the file */
  readonly imports = new Map<string, string>();
  /** local name -> the module and name of a `from <module> import <name>` (for cross-file resolution) */
  private readonly fromImports = new Map<string, { module: string; name: string }>();
  private readonly scopes = new Map<number, ScopeInfo>();
  private readonly classAttrs = new Map<number, Map<string, Node[]>>();
  private depth = 0;

  /** `filePath` (absolute) lets names imported from the project's own modules resolve across files. */
  constructor(readonly root: Node, readonly filePath?: string) {
    this.collectImports(root);
  }

  private collectImports(root: Node): void {
    // Imports may sit in functions or try blocks; walk statements only (cheap: no expression descent).
    const stack: Node[] = [root];
    while (stack.length) {
      const node = stack.pop()!;
      for (const child of node.namedChildren) {
        if (!child) continue;
        switch (child.type) {
          case 'import_statement':
            for (const n of child.childrenForFieldName('name')) {
              if (!n) continue;
              if (n.type === 'dotted_name') {
                // `import a.b` binds `a`
                const first = n.namedChildren[0]?.text ?? n.text;
                this.imports.set(first, first);
              } else if (n.type === 'aliased_import') {
                const name = n.childForFieldName('name')?.text;
                const alias = n.childForFieldName('alias')?.text;
                if (name && alias) this.imports.set(alias, name);
              }
            }
            break;
          case 'import_from_statement': {
            const mod = child.childForFieldName('module_name')?.text;
            if (!mod) break;
            for (const n of child.childrenForFieldName('name')) {
              if (!n) continue;
              if (n.type === 'dotted_name') {
                this.imports.set(n.text, `${mod}.${n.text}`);
                this.fromImports.set(n.text, { module: mod, name: n.text });
              } else if (n.type === 'aliased_import') {
                const name = n.childForFieldName('name')?.text;
                const alias = n.childForFieldName('alias')?.text;
                if (name && alias) {
                  this.imports.set(alias, `${mod}.${name}`);
                  this.fromImports.set(alias, { module: mod, name });
                }
              }
            }
            break;
          }
          case 'block':
          case 'if_statement':
          case 'try_statement':
          case 'except_clause':
          case 'else_clause':
          case 'finally_clause':
          case 'elif_clause':
          case 'with_statement':
          case 'function_definition':
          case 'class_definition':
          case 'decorated_definition':
            stack.push(child);
            break;
        }
      }
    }
  }

  /** The `from <module> import <name>` that bound `local`, for readers that follow a name into the project's own module. */
  importOf(local: string): { module: string; name: string } | undefined {
    return this.fromImports.get(local);
  }

  /** The function (or module) node whose scope contains `node`. */
  enclosingScope(node: Node): Node {
    let cur = node.parent;
    while (cur) {
      if (FUNCTION_TYPES.has(cur.type)) return cur;
      cur = cur.parent;
    }
    return this.root;
  }

  enclosingFunction(node: Node): Node | null {
    let cur = node.parent;
    while (cur) {
      if (cur.type === 'function_definition') return cur;
      cur = cur.parent;
    }
    return null;
  }

  private scopeInfo(scope: Node): ScopeInfo {
    const cached = this.scopes.get(scope.id);
    if (cached) return cached;
    const info: ScopeInfo = { assigned: new Map(), params: new Set() };
    if (scope.type === 'function_definition' || scope.type === 'lambda') {
      for (const name of parameterNames(scope)) info.params.add(name);
    }
    const body = scope.type === 'module' ? scope : scope.childForFieldName('body');
    if (body) this.collectAssignments(body, info.assigned);
    this.scopes.set(scope.id, info);
    return info;
  }

  private collectAssignments(node: Node, out: Map<string, Node[]>): void {
    const stack: Node[] = [node];
    while (stack.length) {
      const n = stack.pop()!;
      for (const child of n.children) {
        if (!child.isNamed) continue;
        if (FUNCTION_TYPES.has(child.type) || child.type === 'class_definition') continue; // own scope
        if (child.type === 'assignment') {
          const left = child.childForFieldName('left');
          const right = child.childForFieldName('right');
          if (left?.type === 'identifier' && right) push(out, left.text, right);
        } else if (child.type === 'with_item') {
          // with X() as name
          const value = child.childForFieldName('value');
          if (value?.type === 'as_pattern') {
            const target = value.childForFieldName('alias') ?? value.namedChildren[1];
            const src = value.namedChildren[0];
            const id = target?.type === 'as_pattern_target' ? target.namedChildren[0] : target;
            if (id?.type === 'identifier' && src) push(out, id.text, src);
          }
        } else if (child.type === 'named_expression') {
          const name = child.childForFieldName('name');
          const value = child.childForFieldName('value');
          if (name && value) push(out, name.text, value);
        }
        stack.push(child);
      }
    }
  }

  private selfAttrs(cls: Node): Map<string, Node[]> {
    const cached = this.classAttrs.get(cls.id);
    if (cached) return cached;
    const out = new Map<string, Node[]>();
    const body = cls.childForFieldName('body');
    for (const stmt of body?.namedChildren ?? []) {
      if (!stmt) continue;
      const fn = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
      if (fn?.type === 'expression_statement') {
        // class-level attribute: client = StripeClient()
        const a = fn.namedChildren[0];
        if (a?.type === 'assignment') {
          const l = a.childForFieldName('left');
          const r = a.childForFieldName('right');
          if (l?.type === 'identifier' && r) push(out, l.text, r);
        }
      }
      if (fn?.type !== 'function_definition') continue;
      const selfName = fn.childForFieldName('parameters')?.namedChildren[0];
      if (!selfName || selfName.type !== 'identifier') continue;
      for (const a of fn.descendantsOfType('assignment')) {
        if (!a) continue;
        const l = a.childForFieldName('left');
        const r = a.childForFieldName('right');
        if (l?.type === 'attribute' && r && l.childForFieldName('object')?.text === selfName.text) {
          const attr = l.childForFieldName('attribute')?.text;
          if (attr) push(out, attr, r);
        }
      }
    }
    this.classAttrs.set(cls.id, out);
    return out;
  }

  /** Qualified name of an expression, or null when it is not provably bound. */
  resolve(node: Node | null | undefined): string | null {
    if (!node || this.depth > 25) return null;
    this.depth++;
    try {
      return this.resolveInner(node);
    } finally {
      this.depth--;
    }
  }

  private resolveInner(node: Node): string | null {
    switch (node.type) {
      case 'identifier':
        return this.resolveName(node.text, node);
      case 'attribute': {
        const obj = node.childForFieldName('object');
        const attr = node.childForFieldName('attribute');
        if (!obj || !attr) return null;
        if (obj.type === 'identifier') {
          const viaSelf = this.resolveSelfAttr(obj, attr.text, node);
          if (viaSelf !== undefined) return viaSelf;
        }
        const base = this.resolve(obj);
        return base ? `${base}.${attr.text}` : null;
      }
      case 'call': {
        const fn = node.childForFieldName('function');
        if (fn?.type === 'identifier') {
          const returned = this.resolveFunctionCall(fn.text, fn);
          if (returned !== undefined) return returned;
        }
        const base = this.resolve(fn);
        return base ? `${base}()` : null;
      }
      case 'parenthesized_expression':
        return this.resolve(node.namedChildren[0]);
      case 'await':
        return this.resolve(node.namedChildren[0]);
      default:
        return null;
    }
  }

  /** `self.x` inside a method: what the class assigns to `self.x`. undefined = not a self access. */
  private resolveSelfAttr(obj: Node, attr: string, at: Node): string | null | undefined {
    const fn = this.enclosingFunction(at);
    if (!fn) return undefined;
    const first = fn.childForFieldName('parameters')?.namedChildren[0];
    if (!first || first.type !== 'identifier' || first.text !== obj.text) return undefined;
    let cls = fn.parent;
    while (cls && cls.type !== 'class_definition') {
      if (cls.type === 'function_definition') return undefined;
      cls = cls.parent;
    }
    if (!cls) return undefined;
    const values = this.selfAttrs(cls).get(attr);
    if (!values?.length) return null;
    return this.resolve(values[values.length - 1]);
  }

  /** Resolves a bare name used at `at`: innermost function scope outwards, then imports. */
  resolveName(name: string, at: Node): string | null {
    let scopeNode: Node | null = this.enclosingScope(at);
    while (scopeNode) {
      const info = this.scopeInfo(scopeNode);
      const values = info.assigned.get(name);
      if (values?.length) {
        // the last assignment before the use, else the first one
        let chosen = values[0];
        for (const v of values) if (v.startIndex < at.startIndex) chosen = v;
        if (chosen.startIndex <= at.startIndex && at.startIndex < chosen.endIndex) return null;
        return this.resolve(chosen);
      }
      if (info.params.has(name)) return null;
      if (scopeNode === this.root) break;
      scopeNode = this.enclosingScope(scopeNode);
    }
    const from = this.fromImports.get(name);
    if (from) {
      const target = crossModule(this.filePath, from.module);
      const r = target?.resolveExport(from.name);
      if (r !== undefined) return r;
    }
    return this.imports.get(name) ?? null;
  }

  /**
   * Whether resolving `name` used at `at`, or a chain of attributes and calls starting from it
   * (`name.x().y`), can give anything but null: the name is assigned in a scope around `at`
   * before a parameter shadows it, imported, a module-level function (whose returns a call
   * resolves to), or the enclosing method's first parameter (`self`: its attributes resolve
   * through the class). Scopes are indexed once per file, so this is cheap next to resolving;
   * callers ask it first. False means `resolve` answers null for the whole chain.
   */
  mayResolveName(name: string, at: Node): boolean {
    const fn = this.enclosingFunction(at);
    const first = fn?.childForFieldName('parameters')?.namedChildren[0];
    if (first?.type === 'identifier' && first.text === name) return true;
    let scopeNode: Node | null = this.enclosingScope(at);
    while (scopeNode) {
      const info = this.scopeInfo(scopeNode);
      if (info.assigned.get(name)?.length) return true;
      if (info.params.has(name)) return false;
      if (scopeNode === this.root) break;
      scopeNode = this.enclosingScope(scopeNode);
    }
    return this.imports.has(name) || this.fromImports.has(name) || this.moduleFunction(name) !== null;
  }

  /** A module-level function of this file by name. */
  private moduleFunction(name: string): Node | null {
    for (const stmt of this.root.namedChildren) {
      const fn = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
      if (fn?.type === 'function_definition' && fn.childForFieldName('name')?.text === name) return fn;
    }
    return null;
  }

  /**
   * `get_client()` where `get_client` is a function of this module or one imported from the project:
   * what it returns, when all its returns agree. undefined = not such a function.
   */
  private resolveFunctionCall(name: string, at: Node): string | null | undefined {
    // a local variable or parameter of that name shadows the module function
    let scopeNode: Node | null = this.enclosingScope(at);
    while (scopeNode && scopeNode !== this.root) {
      const info = this.scopeInfo(scopeNode);
      if (info.assigned.has(name) || info.params.has(name)) return undefined;
      scopeNode = this.enclosingScope(scopeNode);
    }
    const local = this.moduleFunction(name);
    if (local) return this.resolveReturns(local);
    const from = this.fromImports.get(name);
    if (!from) return undefined;
    return crossModule(this.filePath, from.module)?.resolveExportCall(from.name);
  }

  private resolveReturns(fn: Node): string | null {
    let result: string | null = null;
    for (const ret of fn.descendantsOfType('return_statement')) {
      if (this.enclosingFunction(ret) !== fn) continue;
      const value = ret.namedChildren[0];
      const q = value ? this.resolve(value) : null;
      if (!q || (result !== null && q !== result)) return null;
      result = q;
    }
    return result;
  }

  /** What a module-level name of this file is, for a file importing it. undefined = no such name. */
  resolveExport(name: string): string | null | undefined {
    const info = this.scopeInfo(this.root);
    const values = info.assigned.get(name);
    if (values?.length) return this.resolve(values[values.length - 1]);
    if (this.moduleFunction(name)) return null;
    if (this.imports.has(name)) return this.resolveName(name, this.root);
    return undefined;
  }

  resolveExportCall(name: string): string | null | undefined {
    const fn = this.moduleFunction(name);
    if (fn) return this.resolveReturns(fn);
    const from = this.fromImports.get(name);
    if (from) return crossModule(this.filePath, from.module)?.resolveExportCall(from.name);
    return undefined;
  }

  /**
   * What `resolveExport` and `resolveExportCall` answer without this module's tree: for every
   * module-level name, the answer that follows from this module alone, computed now; a name
   * imported from another module (`from .client import session`) is answered by asking that
   * module, as `resolveName` does. A name whose answer reaches another module some other way
   * (`client = make_client()`, `make_client` imported) needs the tree. The summary keeps names
   * and answers only (copies), nothing of the tree.
   */
  exportSummary(): ModuleSummary {
    type Answer = string | null | undefined | typeof NEEDS_TREE;
    const exports = new Map<string, Answer>();
    const calls = new Map<string, Answer>();
    const reexports = new Map<string, { module: string; name: string; fallback: string | null }>();
    const alone = (answer: () => string | null | undefined): Answer => {
      summarizing = true;
      crossed = false;
      try {
        const v = answer();
        return crossed ? NEEDS_TREE : typeof v === 'string' ? detached(v) : v;
      } finally {
        summarizing = false;
      }
    };
    const functions = new Set<string>();
    for (const stmt of this.root.namedChildren) {
      const fn = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
      const name = fn?.type === 'function_definition' ? fn.childForFieldName('name')?.text : undefined;
      if (name) functions.add(name);
    }
    const assigned = this.scopeInfo(this.root).assigned;
    for (const name of new Set([...assigned.keys(), ...functions, ...this.imports.keys()])) {
      const from = this.fromImports.get(name);
      const key = detached(name);
      if (from && !assigned.get(name)?.length && !functions.has(name)) {
        const fallback = this.imports.get(name);
        reexports.set(key, { module: detached(from.module), name: detached(from.name), fallback: fallback === undefined ? null : detached(fallback) });
      } else exports.set(key, alone(() => this.resolveExport(name)));
    }
    for (const name of functions) calls.set(detached(name), alone(() => this.resolveExportCall(name)));
    const calledFrom = new Map<string, { module: string; name: string }>();
    for (const [name, from] of this.fromImports) if (!functions.has(name)) calledFrom.set(detached(name), { module: detached(from.module), name: detached(from.name) });
    return summaryOf(this.filePath, exports, reexports, calls, calledFrom);
  }
}

/** The summary's answers, in a function of their own: a closure made in a PyBindings method would keep its tree alive. */
function summaryOf(
  file: string | undefined,
  exports: ReadonlyMap<string, unknown>,
  reexports: ReadonlyMap<string, { module: string; name: string; fallback: string | null }>,
  calls: ReadonlyMap<string, unknown>,
  calledFrom: ReadonlyMap<string, { module: string; name: string }>,
): ModuleSummary {
  return {
    answer(method, args) {
      const name = args[0];
      if (typeof name !== 'string' || args.length !== 1) return NEEDS_TREE;
      if (method === 'resolveExport') {
        if (exports.has(name)) return exports.get(name);
        const re = reexports.get(name);
        if (!re) return undefined;
        const r = crossModule(file, re.module)?.resolveExport(re.name);
        return r !== undefined ? r : re.fallback;
      }
      if (method === 'resolveExportCall') {
        if (calls.has(name)) return calls.get(name);
        const from = calledFrom.get(name);
        return from ? crossModule(file, from.module)?.resolveExportCall(from.name) : undefined;
      }
      return NEEDS_TREE;
    },
  };
}

/** While a summary is made, another module is not asked: `crossed` tells that an answer would have. */
let summarizing = false;
let crossed = false;

// ---------------------------------------------------------------------------
// Cross-file resolution for the project's own modules.

/** The file of module `mod` (`.client`, `..payments.client`, `payments.client`) imported from `fromFile`. */
export const findPythonModule = memoModuleLookup((fromFile: string, mod: string): string | null => {
  const level = /^\.*/.exec(mod)![0].length;
  const parts = mod.slice(level).split('.').filter(Boolean);
  const candidates = (base: string): string[] => {
    const stem = path.join(base, ...parts);
    return parts.length ? [`${stem}.py`, path.join(stem, '__init__.py')] : [path.join(base, '__init__.py')];
  };
  let dir = path.dirname(fromFile);
  if (level > 0) {
    for (let i = 1; i < level; i++) dir = path.dirname(dir);
    for (const c of candidates(dir)) if (isFile(c)) return c;
    return null;
  }
  // absolute: a package of the project, found from the file's folder upwards (never site-packages)
  for (const base of packageBases(dir, parts[0])) {
    for (const c of candidates(base)) if (isFile(c)) return c;
  }
  return null;
});

/**
 * The folders at most 8 levels up from `dir` (nearest first) holding a package or module named
 * `first`: where an absolute import starting with `first` can be found. Every import of a folder's
 * files that starts with the same name (`from django.db import`, `from django.utils import`)
 * shares the one walk up.
 */
const basesCache = new Map<string, Array<{ dir: string; level: number }>>();
forgetOnChange(() => basesCache.clear());

function packageBases(dir: string, first: string | undefined): string[] {
  const level = folderLevel(dir);
  const out: string[] = [];
  for (const b of basesUpFrom(dir, first)) {
    if (level - b.level > 7) break;
    out.push(b.dir);
  }
  return out;
}

/** Every folder from `dir` up to the root holding `first` (nearest first), with its depth; each folder's answer builds on its parent's. */
function basesUpFrom(dir: string, first: string | undefined): Array<{ dir: string; level: number }> {
  const key = `${dir}\0${first ?? ''}`;
  let hit = basesCache.get(key);
  if (hit) return hit;
  const up = path.dirname(dir);
  const above = up === dir ? [] : basesUpFrom(up, first);
  const here = (first !== undefined && isDir(path.join(dir, first))) || isFile(path.join(dir, `${first}.py`));
  hit = here ? [{ dir, level: folderLevel(dir) }, ...above] : above;
  if (basesCache.size > 50_000) basesCache.clear();
  basesCache.set(detached(key), hit);
  return hit;
}

/** How many folders deep `dir` is (the root is 0). */
function folderLevel(dir: string): number {
  let n = 0;
  for (let d = dir, up = path.dirname(d); up !== d; d = up, up = path.dirname(d)) n++;
  return n;
}

// another module's parse is shared by every rule that resolves a name through it: timed as shared facts
const modules = new ModuleCache<PyBindings>(
  (file, text) => sharedFacts(() => new PyBindings(parsePythonTree(text), file), 'modules'),
  undefined,
  (b) => sharedFacts(() => b.exportSummary(), 'modules'),
);

/** Bindings (and tree) of the project module `mod` imported from `fromFile`, parsed once per file version. */
export function projectModule(fromFile: string | undefined, mod: string): PyBindings | null {
  return crossModule(fromFile, mod);
}

function crossModule(fromFile: string | undefined, mod: string): PyBindings | null {
  if (!fromFile || !path.isAbsolute(fromFile)) return null;
  if (summarizing) {
    crossed = true;
    return null;
  }
  if (/(^|[\\/])(site-packages|dist-packages)([\\/]|$)/.test(fromFile)) return null;
  const file = findPythonModule(fromFile, mod);
  if (!file || file === fromFile) return null;
  return modules.get(file);
}

function push(map: Map<string, Node[]>, key: string, value: Node): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
