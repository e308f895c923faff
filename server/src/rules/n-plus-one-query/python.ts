/**
 * n-plus-one-query, Python: a loop over a Django queryset (`for`, `async for`, a comprehension or
 * generator; the queryset written in the loop, kept in a local, or the view's own
 * `self.get_queryset()` / `self.queryset`, a parameter annotated `QuerySet[Model]`: no fix) whose body follows a relation of the loop variable:
 * a related manager (`doc.pages.all()`, `.count()`, `.exists()`, `doc.page_set.all()`) or a
 * ForeignKey / OneToOne object's attribute (`doc.author.name`, `doc.author.profile.bio`), when the
 * queryset's `select_related` / `prefetch_related` (`Prefetch("pages")` included; a lookup
 * `author__profile` covers `author`) does not load it. Relations come from the project's models
 * modules (lang/python/django-models.ts), so a name that is no relation (`author_id`, a plain
 * field, a property) is never one. Querysets of `.values()` / `.values_list()` rows, loops over
 * anything that is not a manager chain (lists, parameters), and test code are not flagged.
 */
import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { descendantsNoNested, enclosingFunction, localValue, ormChain, outsideProductionPython, type OrmChain } from '../../lang/python/django';
import { callArgs, stringValue } from '../../lang/python/ast';
import { modelsFor, type ModelIndex, type Relation } from '../../lang/python/django-models';
import { loadRelationsFix, type LoadMethod } from '../../../../codemods/python/n-plus-one-query';

const COMPREHENSIONS = ['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression'];
/** Chains that yield no model instances, or on which the load calls are refused. */
const NOT_INSTANCES = new Set(['values', 'values_list', 'raw', 'dates', 'datetimes', 'aggregate', 'in_bulk', 'union', 'intersection', 'difference', 'count', 'exists', 'get', 'first', 'last', 'latest', 'earliest']);
const MANY_READS = new Set(['all', 'count', 'exists']);
/** What a prefetched `.all()` answers from its cache. */
const CACHED_AFTER_ALL = new Set(['count', 'exists']);

interface Loaded {
  lookups: string[];
  /** `select_related()` without names: every single-valued relation */
  selectAll: boolean;
  /** a lookup that is not a literal (a variable, a splat): what it loads is unknown */
  unknown: boolean;
}

function loadedBy(chain: OrmChain): Loaded {
  const out: Loaded = { lookups: [], selectAll: false, unknown: false };
  for (const l of chain.links) {
    if (l.method !== 'select_related' && l.method !== 'prefetch_related') continue;
    const args = callArgs(l.call);
    if (!args.length && l.method === 'select_related') out.selectAll = true;
    for (const a of args) {
      const s = stringValue(a);
      if (s !== null) {
        out.lookups.push(s);
        continue;
      }
      // Prefetch("pages", queryset=...) loads `pages`; with to_attr= it fills another attribute
      if (a.type === 'call' && /(^|\.)Prefetch$/.test(a.childForFieldName('function')?.text ?? '')) {
        const pargs = callArgs(a);
        const lookup = pargs.find((p) => p.type === 'keyword_argument' && p.childForFieldName('name')?.text === 'lookup')?.childForFieldName('value') ?? pargs.find((p) => p.type !== 'keyword_argument');
        const toAttr = pargs.some((p) => p.type === 'keyword_argument' && p.childForFieldName('name')?.text === 'to_attr');
        const v = stringValue(lookup);
        if (v === null) out.unknown = true;
        else if (!toAttr) out.lookups.push(v);
        continue;
      }
      out.unknown = true;
    }
  }
  return out;
}

function covers(loaded: Loaded, p: string, many: boolean): boolean {
  if (!many && loaded.selectAll) return true;
  return loaded.lookups.some((l) => l === p || l.startsWith(`${p}__`));
}

/**
 * The relation path a use of the loop variable follows: `doc.author.profile.bio` ->
 * author__profile (single), `doc.author.books.all()` -> author__books (many). Null when the
 * use follows no relation to a further access.
 */
function relationPath(use: Node, model: string, index: ModelIndex): { path: string; many: boolean } | null {
  const steps: string[] = [];
  let node = use; // an `attribute` node: <var>.<name>, then its parent accesses
  let rels = index.models.get(model);
  while (rels) {
    const name = node.childForFieldName('attribute')?.text ?? '';
    const rel: Relation | undefined = rels.get(name);
    if (!rel) break;
    const parent = node.parent;
    if (parent?.type !== 'attribute' || parent.childForFieldName('object')?.id !== node.id) break;
    if (rel.many) {
      const method = parent.childForFieldName('attribute')?.text ?? '';
      if (!MANY_READS.has(method) || parent.parent?.type !== 'call') break;
      // `.all().filter(...)`, `.all().delete()`: a query of its own that no prefetch serves
      const after = parent.parent.parent;
      if (method === 'all' && after?.type === 'attribute' && !CACHED_AFTER_ALL.has(after.childForFieldName('attribute')?.text ?? '')) break;
      steps.push(name);
      return { path: steps.join('__'), many: true };
    }
    steps.push(name);
    node = parent;
    rels = index.models.get(rel.target);
  }
  return steps.length ? { path: steps.join('__'), many: false } : null;
}

function unwrap(n: Node | null | undefined): Node | null {
  let cur = n ?? null;
  while (cur && (cur.type === 'parenthesized_expression' || cur.type === 'await')) cur = cur.namedChildren[0] ?? null;
  return cur;
}

function enclosingClass(n: Node): Node | null {
  for (let cur = n.parent; cur; cur = cur.parent) if (cur.type === 'class_definition') return cur;
  return null;
}

/** `self.get_queryset()` / `self.queryset` of a view: the class's own `get_queryset` return or `queryset` attribute. */
function viewQueryset(expr: Node, at: Node): OrmChain | null {
  const getter = expr.type === 'call' && expr.childForFieldName('function')?.text === 'self.get_queryset' && !callArgs(expr).length;
  if (!getter && expr.text !== 'self.queryset') return null;
  const cls = enclosingClass(at);
  for (const st of cls?.childForFieldName('body')?.namedChildren ?? []) {
    const def = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    if (getter && def?.type === 'function_definition' && def.childForFieldName('name')?.text === 'get_queryset') {
      const rets = descendantsNoNested(def.childForFieldName('body')!, (n) => n.type === 'return_statement');
      if (rets.length !== 1) return null;
      return ormChain(rets[0].namedChildren[0], def);
    }
    if (st.type === 'expression_statement') {
      const a = st.namedChildren[0];
      if (a?.type === 'assignment' && a.childForFieldName('left')?.text === 'queryset' && !getter) return ormChain(a.childForFieldName('right'), null);
      if (a?.type === 'assignment' && a.childForFieldName('left')?.text === 'queryset' && getter && !cls!.childForFieldName('body')!.namedChildren.some((s) => (s.type === 'decorated_definition' ? s.childForFieldName('definition') : s)?.childForFieldName('name')?.text === 'get_queryset')) {
        return ormChain(a.childForFieldName('right'), null);
      }
    }
  }
  return null;
}

/** The loop variable and the queryset of `for <left> in <right>` (also `enumerate(qs)`). */
/** Methods after which a queryset holding a prefetch fails when evaluated (dict rows, a plain iterator). */
const REFUSE_PREFETCH = /^(?:values|values_list|union|intersection|difference)$/;

/**
 * Would a prefetch added where the queryset is built also reach code that cannot take one? Other
 * uses of the locals the loop's queryset goes through (`titles = docs.values_list(...)`,
 * `docs.iterator()`), or of the view's queryset in its class (`self.get_queryset().values(...)`).
 */
function prefetchRefused(iter: Node, at: Node, fn: Node | null): boolean {
  const names = new Set<string>();
  let cur: Node | null = iter;
  for (let i = 0; cur && i < 40; i++) {
    if (cur.type === 'call') cur = cur.childForFieldName('function');
    else if (cur.type === 'attribute') cur = cur.childForFieldName('object');
    else if (cur.type === 'subscript') cur = cur.childForFieldName('value');
    else if (cur.type === 'parenthesized_expression' || cur.type === 'await') cur = cur.namedChildren[0] ?? null;
    else if (cur.type === 'identifier') {
      const v: Node | null = names.has(cur.text) ? null : localValue(fn, cur.text, cur.startIndex);
      names.add(cur.text);
      cur = v;
    } else break;
  }
  const refused = (a: Node): boolean => {
    const m = a.childForFieldName('attribute')?.text ?? '';
    if (REFUSE_PREFETCH.test(m)) return true;
    // Django 5 refuses `.iterator()` without chunk_size on a queryset with a prefetch
    return (m === 'iterator' || m === 'aiterator') && a.parent?.type === 'call' && !/chunk_size/.test(a.parent.text);
  };
  if (/^self\.(?:get_queryset\(\)|queryset)$/.test(iter.text)) {
    const cls = enclosingClass(at);
    return !!cls && descendantsNoNestedAll(cls, (n) => n.type === 'attribute' && /^self\.(?:get_queryset\(\)|queryset)$/.test(n.childForFieldName('object')?.text ?? '') && refused(n));
  }
  const body = fn?.childForFieldName('body');
  if (!body) return false;
  return descendantsNoNested(body, (n) => n.type === 'attribute' && n.childForFieldName('object')?.type === 'identifier' && names.has(n.childForFieldName('object')!.text) && refused(n)).length > 0;
}

/** Does any descendant (nested functions included) match? */
function descendantsNoNestedAll(root: Node, pred: (n: Node) => boolean): boolean {
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (pred(n)) return true;
    for (const c of n.namedChildren) stack.push(c);
  }
  return false;
}

/** `def render(docs: QuerySet[Document])`: the model of a parameter annotated as a queryset. */
function annotatedQueryset(fn: Node | null, name: string): string | null {
  for (const p of fn?.childForFieldName('parameters')?.namedChildren ?? []) {
    if (p.type !== 'typed_parameter' && p.type !== 'typed_default_parameter') continue;
    const id = p.childForFieldName('name') ?? p.namedChildren.find((c) => c.type === 'identifier');
    if (id?.text !== name) continue;
    const m = /^["']?(?:[A-Za-z_][\w.]*\.)?QuerySet\[\s*["']?([A-Z]\w*)["']?\s*\]["']?$/.exec(p.childForFieldName('type')?.text ?? '');
    return m ? m[1] : null;
  }
  return null;
}

interface LoopTarget {
  name: string;
  /** the queryset as built here; null for a parameter (nothing here to fix) */
  chain: OrmChain | null;
  model: string | null;
  noPrefetch: boolean;
}

function loopTarget(left: Node | null, right: Node | null, at: Node, ctx: PyContext): LoopTarget | null {
  let iter = unwrap(right);
  let target = left;
  if (!iter || !target) return null;
  if (iter.type === 'call' && iter.childForFieldName('function')?.text === 'enumerate' && (target.type === 'pattern_list' || target.type === 'tuple_pattern')) {
    iter = unwrap(callArgs(iter).find((a) => a.type !== 'keyword_argument'));
    target = target.namedChildren[1] ?? null;
  }
  if (!iter || target?.type !== 'identifier') return null;
  const fn = enclosingFunction(at);
  // `qs[:10]`, also through a local: `orders = Order.objects.filter(...)[:50]`
  for (let i = 0; i < 4 && iter; i++) {
    if (iter.type === 'subscript') iter = unwrap(iter.childForFieldName('value'));
    else if (iter.type === 'identifier' && localValue(fn, iter.text, iter.startIndex)?.type === 'subscript') iter = localValue(fn, iter.text, iter.startIndex);
    else break;
  }
  if (!iter) return null;
  const chain = viewQueryset(iter, at) ?? ormChain(iter, fn);
  if (chain) return { name: target.text, chain, model: modelName(chain, ctx), noPrefetch: prefetchRefused(iter, at, fn) };
  if (iter.type === 'identifier' && !localValue(fn, iter.text, iter.startIndex)) {
    const model = annotatedQueryset(fn, iter.text);
    if (model) return { name: target.text, chain: null, model, noPrefetch: true };
  }
  return null;
}

function modelName(chain: OrmChain, ctx: PyContext): string | null {
  const m = chain.model;
  const q = m.type === 'identifier' || m.type === 'attribute' ? ctx.bindings.resolve(m) : null;
  const last = q ? q.split('.').pop() : m.type === 'identifier' ? m.text : m.type === 'attribute' ? m.childForFieldName('attribute')?.text : null;
  return last && /^[A-Z]\w*$/.test(last) ? last : null;
}

function check(node: Node, left: Node | null, right: Node | null, scopes: Node[], ctx: PyContext): void {
  const t = loopTarget(left, right, node, ctx);
  if (!t) return;
  if (t.chain?.links.some((l) => NOT_INSTANCES.has(l.method))) return;
  const model = t.model;
  if (!model) return;
  const index = modelsFor(ctx.file.path, ctx.file.text, ctx.root);
  if (!index?.models.has(model)) return;
  const loaded: Loaded = t.chain ? loadedBy(t.chain) : { lookups: [], selectAll: false, unknown: false };
  if (loaded.unknown) return;
  const uses = new Map<string, { node: Node; many: boolean }>();
  for (const scope of scopes) {
    const found = descendantsNoNested(scope, (n) => n.type === 'attribute' && n.childForFieldName('object')?.type === 'identifier' && n.childForFieldName('object')?.text === t.name);
    for (const use of found) {
      const p = relationPath(use, model, index);
      if (!p || covers(loaded, p.path, p.many) || uses.has(p.path)) continue;
      uses.set(p.path, { node: use, many: p.many });
    }
  }
  // `author` and `author__profile`: loading the longer path loads both
  const paths = [...uses.keys()].filter((p) => ![...uses.keys()].some((q) => q.startsWith(`${p}__`)));
  if (!paths.length) return;
  if (outsideProductionPython(ctx.file.path, ctx.file.text)) return;
  for (const p of paths) {
    const use = uses.get(p)!;
    const method: LoadMethod = use.many ? 'prefetch_related' : 'select_related';
    const want = new Map<LoadMethod, string[]>([[method, [p]]]);
    const chain = t.chain;
    ctx.report({
      node: use.node,
      message: chain
        ? `This loop runs one query per ${model} row to load \`${p}\`: load it with the queryset (\`${method}("${p}")\`)`
        : `This loop runs one query per ${model} row to load \`${p}\`: have the callers pass a queryset with \`${method}("${p}")\``,
      fixes: () => [!chain || (method === 'prefetch_related' && t.noPrefetch) ? null : loadRelationsFix(ctx.file.text, chain, want, ctx.file.path)],
    });
  }
}

export const python: PyDetector = {
  nodeTypes: ['for_statement', ...COMPREHENSIONS],
  requires: /\.objects\b|_default_manager\b|QuerySet\[|\bself\.(?:get_queryset|queryset)\b/,
  visit(node: Node, ctx: PyContext) {
    if (node.type === 'for_statement') {
      const body = node.childForFieldName('body');
      if (body) check(node, node.childForFieldName('left'), node.childForFieldName('right'), [body], ctx);
      return;
    }
    const clauses = node.namedChildren.filter((c) => c.type === 'for_in_clause');
    if (clauses.length !== 1) return; // nested clauses: the inner ones iterate something else
    const clause = clauses[0];
    const scopes = node.namedChildren.filter((c) => c.id !== clause.id);
    check(node, clause.childForFieldName('left'), clause.childForFieldName('right'), scopes, ctx);
  },
};
