import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { callArgs } from '../../lang/python/ast';
import { descendantsNoNested, enclosingFunction, outsideProductionPython, inAtomic, localValue, ormChain, rowRead, type OrmChain } from '../../lang/python/django';
import { calledUnderRowLock } from '../../lang/python/callers';
import { getOrCreateFix, updateOrCreateFix, type CreateSite, type UpdateSite } from '../../../../codemods/python/check-then-create';

interface Lookup {
  chain: OrmChain;
  /** keyword arguments of the filter/get */
  kwargs: Node[];
  /** the node to report */
  at: Node;
  /** the check reads "nothing exists" when true */
  absentWhenTrue: boolean;
}

function unwrapNot(n: Node): { expr: Node; negated: boolean } {
  let negated = false;
  let cur = n;
  for (;;) {
    if (cur.type === 'not_operator') {
      const a = cur.childForFieldName('argument');
      if (!a) break;
      negated = !negated;
      cur = a;
    } else if (cur.type === 'parenthesized_expression' && cur.namedChildren[0]) cur = cur.namedChildren[0];
    else break;
  }
  return { expr: cur, negated };
}

/** filter()/get() kwargs of a chain (all filter-like links). */
function lookupKwargs(chain: OrmChain): Node[] | null {
  const out: Node[] = [];
  for (const l of chain.links) {
    if (!['filter', 'get', 'exists', 'first', 'last', 'count', 'aexists', 'afirst', 'acount', 'aget', 'all'].includes(l.method)) return null;
    for (const a of callArgs(l.call)) {
      if (a.type === 'keyword_argument') out.push(a);
      else if (l.method === 'filter' || l.method === 'get') return null; // Q objects: too dynamic to compare
    }
  }
  return out.length ? out : null;
}

/** What an existence check asks: `M.objects.filter(...).exists()`, `.first()`, `.count() == 0`, or a local holding one. */
function existenceCheck(cond: Node, fn: Node, ctx: PyContext): Lookup | null {
  const { expr, negated } = unwrapNot(cond);
  let e = expr;
  let absentWhenTrue = negated;
  if (e.type === 'comparison_operator') {
    const [a, b] = [e.namedChildren[0], e.namedChildren[1]];
    const op = e.children.find((c) => c && !c.isNamed)?.text;
    if (!a || !b) return null;
    if (b.type === 'none') {
      if (op === 'is' || op === '==') absentWhenTrue = !absentWhenTrue;
      else if (op !== 'is not' && op !== '!=') return null;
      e = a;
    } else if (b.type === 'integer' && b.text === '0' && /count$/.test(a.text.replace(/\(\)$/, ''))) {
      if (op === '==') absentWhenTrue = !absentWhenTrue;
      else if (op !== '>' && op !== '!=') return null;
      e = a;
    } else return null;
  }
  let at = cond;
  if (e.type === 'identifier') {
    const v = localValue(fn, e.text, e.startIndex);
    if (!v) return null;
    at = v;
    e = v;
  }
  if (e.type === 'await') e = e.namedChildren[0] ?? e;
  const chain = ormChain(e, fn);
  if (!chain || !chain.links.length) return null;
  const last = chain.links[chain.links.length - 1].method;
  if (!['exists', 'first', 'last', 'count', 'aexists', 'afirst', 'acount'].includes(last)) return null;
  const kwargs = lookupKwargs(chain);
  if (!kwargs) return null;
  return { chain, kwargs, at, absentWhenTrue };
}

/** `M.objects.create(...)` on the same model whose arguments cover the lookup. */
function matchingCreate(n: Node, lookup: Lookup, fn: Node): Node | null {
  const calls = n.type === 'call' ? [n, ...descendantsNoNested(n, (x) => x.type === 'call')] : descendantsNoNested(n, (x) => x.type === 'call');
  for (const c of calls) {
    const chain = ormChain(c, fn);
    if (!chain || chain.links.length !== 1 || !/^a?create$/.test(chain.links[0].method)) continue;
    if (chain.model.text !== lookup.chain.model.text) continue;
    const args = callArgs(c);
    if (args.some((a) => a.type === 'dictionary_splat')) return c; // **data: may carry the lookup
    const created = new Map(args.filter((a) => a.type === 'keyword_argument').map((a) => [a.childForFieldName('name')?.text, a.childForFieldName('value')?.text]));
    const ok = lookup.kwargs.every((k) => {
      const key = (k.childForFieldName('name')?.text ?? '').split('__')[0];
      return created.has(key) || created.has(`${key}_id`) || created.has(key.replace(/_id$/, ''));
    });
    if (ok) return c;
  }
  return null;
}

function endsWithExit(block: Node | null): boolean {
  const last = block?.namedChildren.filter((c) => c && c.type !== 'comment').pop();
  return !!last && ['return_statement', 'raise_statement', 'continue_statement', 'break_statement'].includes(last.type);
}

/**
 * A row lock taken earlier in an atomic function serializes the check (the seed's parent-row lock),
 * and so does one every caller in the module takes before calling (`Checkout.objects
 * .select_for_update()` ... `_create_order(...)`, through helpers).
 */
function serializedByLock(fn: Node, before: number, ctx: PyContext): boolean {
  const body = fn.childForFieldName('body');
  if (!body) return false;
  const here = descendantsNoNested(body, (n) => n.type === 'call').some((c) => {
    if (c.startIndex >= before) return false;
    const r = rowRead(c, fn, ctx.bindings);
    return !!r?.locked && inAtomic(c, ctx.bindings);
  });
  return here || calledUnderRowLock(fn, ctx.root);
}

function report(ctx: PyContext, lookup: Lookup, create: Node, site: CreateSite | null): void {
  const model = lookup.chain.model.text;
  ctx.report({
    node: lookup.at,
    message: `Checks that no \`${model}\` exists, then creates one: two concurrent requests both pass the check and create duplicates`,
    fixes: () => (site ? [getOrCreateFix(ctx.file.text, ctx.root, site, ctx.bindings)] : []),
  });
  void create;
}

function simpleSite(stmt: Node, lookup: Lookup, create: Node, fn: Node): CreateSite | null {
  if (callArgs(create).some((a) => a.type !== 'keyword_argument')) return null;
  if (lookup.kwargs.some((k) => (k.childForFieldName('name')?.text ?? '').includes('__'))) return null;
  if (fn.children.some((c) => c?.type === 'async')) return null;
  const createStmt = create.parent?.type === 'assignment' ? create.parent.parent : create.parent;
  const target = create.parent?.type === 'assignment' ? create.parent.childForFieldName('left') : null;
  if (target && target.type !== 'identifier') return null;
  if (createStmt?.type !== 'expression_statement') return null;
  // the create's values must match the lookup's values, or get_or_create would look up something else
  const created = new Map(callArgs(create).map((a) => [a.childForFieldName('name')?.text, a.childForFieldName('value')?.text]));
  if (lookup.kwargs.some((k) => created.get(k.childForFieldName('name')?.text) !== k.childForFieldName('value')?.text)) return null;
  return { stmt, manager: lookup.chain.manager.text, lookup: lookup.kwargs, create, target: target?.text ?? null, fn };
}

export const python: PyDetector = {
  nodeTypes: ['if_statement', 'try_statement'],
  requires: [
    // the create (matchingCreate: a `create` / `acreate` link of an ORM chain)
    /\.\s*a?create\b/,
    // after a check that ends in one of these, or a `get` whose DoesNotExist is caught
    /\b(?:a?exists|a?first|last|a?count)\b|DoesNotExist/,
  ],
  mayFire: (file) => !outsideProductionPython(file.path, file.text),
  visit(stmt: Node, ctx: PyContext) {
    const fn = enclosingFunction(stmt);
    if (!fn) return;
    if (stmt.type === 'if_statement') return visitIf(stmt, fn, ctx);
    return visitTry(stmt, fn, ctx);
  },
};

function visitIf(stmt: Node, fn: Node, ctx: PyContext): void {
  const cond = stmt.childForFieldName('condition');
  const body = stmt.childForFieldName('consequence');
  if (!cond || !body) return;
  const lookup = existenceCheck(cond, fn, ctx);
  if (!lookup) return;
  if (serializedByLock(fn, stmt.startIndex, ctx)) return;
  if (lookup.absentWhenTrue) {
    const create = matchingCreate(body, lookup, fn);
    if (!create) return;
    const only = body.namedChildren.filter((c) => c && c.type !== 'comment');
    const hasElse = stmt.namedChildren.some((c) => c?.type === 'else_clause' || c?.type === 'elif_clause');
    const bodyIsCreate = only.length === 1 && only[0]!.startIndex <= create.startIndex && create.endIndex <= only[0]!.endIndex;
    // the local that held the lookup must not be used elsewhere for the simple rewrite
    const site = bodyIsCreate && !hasElse && lookup.at.id === cond.id ? simpleSite(stmt, lookup, create, fn) : null;
    report(ctx, lookup, create, site);
    return;
  }
  // `if obj: <update obj> else: M.objects.create(...)`: the create branch races like any other
  const elseClause = stmt.namedChildren.find((c): c is Node => c?.type === 'else_clause');
  const hasElif = stmt.namedChildren.some((c) => c?.type === 'elif_clause');
  const elseBody = elseClause?.childForFieldName('body') ?? null;
  if (elseBody && !hasElif) {
    const create = matchingCreate(elseBody, lookup, fn);
    if (create) {
      ctx.report({
        node: lookup.at,
        message: `Updates the \`${lookup.chain.model.text}\` if it exists, else creates one: two concurrent requests both find none and create duplicates`,
        fixes: () => {
          const site = updateOrCreateSite(stmt, body, elseBody, lookup, create, fn);
          return site ? [updateOrCreateFix(ctx.file.text, site)] : [];
        },
      });
      return;
    }
  }
  // `if exists: return/raise` ... then create after the if
  if (!endsWithExit(body)) return;
  let next = stmt.nextNamedSibling;
  while (next) {
    const create = matchingCreate(next, lookup, fn);
    if (create) {
      report(ctx, lookup, create, null);
      return;
    }
    next = next.nextNamedSibling;
  }
}

function visitTry(stmt: Node, fn: Node, ctx: PyContext): void {
  const body = stmt.childForFieldName('body');
  const handlers = stmt.namedChildren.filter((c): c is Node => c?.type === 'except_clause');
  if (!body || handlers.length !== 1) return;
  const stmts = body.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  const first = stmts[0];
  const assign = first?.type === 'expression_statement' ? first.namedChildren[0] : null;
  const value = assign?.type === 'assignment' ? assign.childForFieldName('right') : assign;
  const target = assign?.type === 'assignment' ? assign.childForFieldName('left') : null;
  const chain = value ? ormChain(value, fn) : null;
  if (!chain || chain.links.length !== 1 || !/^a?get$/.test(chain.links[0].method)) return;
  const handler = handlers[0];
  const caught = handler.namedChildren.find((c) => c && c.type !== 'block' && c.type !== 'comment')?.text ?? '';
  if (!/DoesNotExist|ObjectDoesNotExist/.test(caught)) return;
  const kwargs = lookupKwargs(chain);
  if (!kwargs) return;
  const lookup: Lookup = { chain, kwargs, at: value!, absentWhenTrue: true };
  const hbody = handler.namedChildren.find((c) => c?.type === 'block') ?? null;
  if (!hbody) return;
  const create = matchingCreate(hbody, lookup, fn);
  if (!create) return;
  if (serializedByLock(fn, stmt.startIndex, ctx)) return;
  const hstmts = hbody.namedChildren.filter((c) => c && c.type !== 'comment');
  const createAssign = create.parent?.type === 'assignment' ? create.parent : null;
  const simple =
    stmts.length === 1 &&
    hstmts.length === 1 &&
    !stmt.namedChildren.some((c) => c?.type === 'else_clause' || c?.type === 'finally_clause') &&
    (target ? target.type === 'identifier' && createAssign?.childForFieldName('left')?.text === target.text : !createAssign);
  report(ctx, lookup, create, simple ? simpleSite(stmt, lookup, create, fn) : null);
}

/**
 * The exact shape `update_or_create` replaces:
 *
 *   obj = M.objects.filter(k=v).first()
 *   if obj:
 *       obj.x = a
 *       obj.save()
 *   else:
 *       M.objects.create(k=v, x=a)
 *
 * the lookup read just before the `if`, the update branch only assigning fields then saving, the
 * create branch one create with the lookup's values and the same field values (so one `defaults`
 * serves both branches).
 */
function updateOrCreateSite(stmt: Node, body: Node, elseBody: Node, lookup: Lookup, create: Node, fn: Node): UpdateSite | null {
  if (fn.children.some((c) => c?.type === 'async')) return null;
  let read = stmt.previousNamedSibling;
  while (read?.type === 'comment') read = read.previousNamedSibling;
  const assign = read?.type === 'expression_statement' ? read.namedChildren[0] : null;
  const name = assign?.type === 'assignment' ? assign.childForFieldName('left') : null;
  if (name?.type !== 'identifier' || assign?.childForFieldName('right')?.id !== lookup.at.id) return null;
  if (lookup.kwargs.some((k) => (k.childForFieldName('name')?.text ?? '').includes('__'))) return null;
  const word = new RegExp(`\\b${name.text}\\b`);
  const stmts = body.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  const save = stmts.pop();
  const saveCall = save?.type === 'expression_statement' ? save.namedChildren[0] : null;
  if (saveCall?.type !== 'call' || saveCall.childForFieldName('function')?.text !== `${name.text}.save` || callArgs(saveCall).length) return null;
  const fields = new Map<string, string>();
  for (const st of stmts) {
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : null;
    const left = a?.type === 'assignment' ? a.childForFieldName('left') : null;
    const right = a?.childForFieldName('right');
    if (left?.type !== 'attribute' || left.childForFieldName('object')?.text !== name.text || !right || word.test(right.text)) return null;
    fields.set(left.childForFieldName('attribute')!.text, right.text);
  }
  if (!fields.size) return null;
  const createStmts = elseBody.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  const only = createStmts.length === 1 ? createStmts[0] : null;
  const inner = only?.type === 'expression_statement' ? only.namedChildren[0] : null;
  const bound = inner?.type === 'assignment' && inner.childForFieldName('left')?.text === name.text && inner.childForFieldName('right')?.id === create.id;
  if (!bound && inner?.id !== create.id) return null;
  const args = callArgs(create);
  if (args.some((a) => a.type !== 'keyword_argument')) return null;
  const lookupValues = new Map(lookup.kwargs.map((k) => [k.childForFieldName('name')?.text, k.childForFieldName('value')?.text]));
  let covered = 0;
  for (const a of args) {
    const k = a.childForFieldName('name')?.text ?? '';
    const v = a.childForFieldName('value')?.text;
    if (lookupValues.has(k)) {
      if (lookupValues.get(k) !== v) return null;
    } else if (fields.get(k) !== v) return null;
    else covered++;
  }
  if (covered !== fields.size || lookup.kwargs.some((k) => !args.some((a) => a.childForFieldName('name')?.text === k.childForFieldName('name')?.text))) return null;
  // the row is used after the if: keep the name bound
  const fnBody = fn.childForFieldName('body');
  const usedAfter = !!fnBody && descendantsNoNested(fnBody, (n) => n.type === 'identifier' && n.text === name.text).some((n) => n.startIndex > stmt.endIndex);
  return { read: read!, stmt, manager: lookup.chain.manager.text, lookup: lookup.kwargs, fields: [...fields], target: usedAfter ? name.text : null, fn };
}
