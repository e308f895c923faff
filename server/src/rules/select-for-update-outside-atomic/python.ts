import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { enclosingFunction, outsideProductionPython, inAtomic, ormChain, ROW_READ_METHODS } from '../../lang/python/django';
import { makeAtomicFix } from '../../../../codemods/python/select-for-update-outside-atomic';

/** Methods that evaluate a queryset (run the SELECT ... FOR UPDATE) right where they are called. */
const EVALUATING = new Set([...ROW_READ_METHODS, 'exists', 'count', 'update', 'delete', 'get_or_create', 'update_or_create', 'in_bulk', 'aggregate', 'values_list', 'values']);

/** The outermost expression of a method chain that starts at `node`. */
function chainTop(node: Node): Node {
  let cur = node;
  for (;;) {
    const p = cur.parent;
    if (!p) return cur;
    if (p.type === 'attribute' && p.childForFieldName('object')?.id === cur.id) {
      const call = p.parent;
      if (call?.type === 'call' && call.childForFieldName('function')?.id === p.id) {
        cur = call;
        continue;
      }
      return cur;
    }
    if (p.type === 'await' || p.type === 'parenthesized_expression') {
      cur = p;
      continue;
    }
    return cur;
  }
}

/** The last method called on the chain, or null for a bare name. */
function lastMethod(top: Node): string | null {
  let e: Node | null | undefined = top;
  while (e && (e.type === 'await' || e.type === 'parenthesized_expression')) e = e.namedChildren[0];
  if (e?.type !== 'call') return null;
  const f = e.childForFieldName('function');
  return f?.type === 'attribute' ? (f.childForFieldName('attribute')?.text ?? null) : null;
}

/** Decorators that make a function a request handler, task or signal receiver: nothing calls it inside a transaction. */
const ENTRY_DECORATOR = /(^|\.)(route|get|post|put|patch|delete|api_view|action|task|shared_task|periodic_task|receiver|login_required|permission_required|require_\w+|csrf_exempt|staff_member_required|user_passes_test)$/;
/** Methods frameworks call directly: views, DRF, management commands, GraphQL mutations, Celery task classes. */
const ENTRY_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'dispatch', 'handle', 'perform_create', 'perform_update', 'perform_destroy', 'create', 'update', 'partial_update', 'destroy', 'list', 'retrieve', 'form_valid', 'mutate', 'perform_mutation', 'mutate_and_get_payload', 'run']);

export function decoratorNames(fn: Node): string[] {
  const p = fn.parent;
  if (p?.type !== 'decorated_definition') return [];
  return p.namedChildren
    .filter((c): c is Node => !!c && c.type === 'decorator')
    .map((d) => {
      let e = d.namedChildren.find((c) => c && c.type !== 'comment') ?? null;
      if (e?.type === 'call') e = e.childForFieldName('function');
      return e?.text ?? '';
    });
}

export function paramNames(fn: Node): string[] {
  const params = fn.childForFieldName('parameters');
  if (!params) return [];
  const out: string[] = [];
  for (const p of params.namedChildren) {
    if (!p) continue;
    if (p.type === 'identifier') out.push(p.text);
    else {
      const id = p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier') ?? null;
      if (id?.type === 'identifier') out.push(id.text);
    }
  }
  return out;
}

export function isMethod(fn: Node): boolean {
  const holder = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
  return holder?.type === 'block' && holder.parent?.type === 'class_definition';
}

/** A request handler, task or framework hook: its caller cannot have opened a transaction. */
export function isEntryPoint(fn: Node): boolean {
  if (decoratorNames(fn).some((d) => ENTRY_DECORATOR.test(d))) return true;
  if (paramNames(fn).includes('request')) return true;
  return isMethod(fn) && ENTRY_METHODS.has(fn.childForFieldName('name')?.text ?? '');
}

/**
 * A helper whose caller owns the transaction: `select_for_update()` there is
 * correct as long as the caller is atomic, and Django raises at once in tests
 * when it is not. Signs that the author meant it that way: a class/static
 * helper of a view or mutation class, a lock switched on by a parameter
 * (`if with_lock: qs = qs.select_for_update()`), a call to it from an atomic
 * block or from another helper in the same module, or a module that imports the project's own
 * transaction helpers while this function opens none.
 */
function callerDecides(fn: Node, node: Node, ctx: PyContext): boolean {
  const decorators = decoratorNames(fn);
  if (decorators.some((d) => d === 'classmethod' || d === 'staticmethod')) return true;
  const params = new Set(paramNames(fn));
  for (let cur = node.parent; cur && cur.id !== fn.id; cur = cur.parent) {
    if (cur.type === 'if_statement' || cur.type === 'conditional_expression') {
      const cond = cur.type === 'if_statement' ? cur.childForFieldName('condition') : cur.namedChildren[1];
      if (cond && [cond, ...cond.descendantsOfType('identifier')].some((i) => i?.type === 'identifier' && params.has(i.text))) return true;
    }
  }
  const name = fn.childForFieldName('name')?.text;
  if (name) {
    for (const c of ctx.root.descendantsOfType('call')) {
      const callee = c?.childForFieldName('function');
      if (!c || !callee) continue;
      const last = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee.text;
      if (last !== name) continue;
      if (inAtomic(c, ctx.bindings)) return true;
      // called by another helper of this module: the transaction is decided further up
      const caller = enclosingFunction(c);
      if (caller && caller.id !== fn.id && !isEntryPoint(caller)) return true;
    }
  }
  // a module importing the project's own transaction helpers (`traced_atomic_transaction`,
  // `transaction_with_commit_on_errors`) leaves the transaction to them and their callers;
  // Django's own `transaction` does not count, the fix adds that import
  if (fn.descendantsOfType(['with_statement', 'decorator']).some((w) => !!w && /\batomic\b|\btransaction_\w+\(/.test(w.text))) return false;
  return /^\s*from\s+(?!django\b)\S+\s+import\s+[^\n]*\b(\w*atomic\w*|transaction_\w+)\b/m.test(ctx.file.text);
}

export const python: PyDetector = {
  nodeTypes: ['call'],
  requires: /select_for_update/,
  visit(node: Node, ctx: PyContext) {
    const f = node.childForFieldName('function');
    if (f?.type !== 'attribute' || f.childForFieldName('attribute')?.text !== 'select_for_update') return;
    if (outsideProductionPython(ctx.file.path, ctx.file.text)) return;
    const fn = enclosingFunction(node);
    if (!fn) return; // module level: a lazy queryset, evaluated somewhere else
    if (!ormChain(node, fn)) return;
    if (inAtomic(node, ctx.bindings)) return;
    const top = chainTop(node);
    const last = lastMethod(top);
    // `return Model.objects.select_for_update().filter(...)`: a lazy queryset handed to the caller,
    // who evaluates it (DRF get_queryset, managers, helpers called inside atomic blocks)
    if ((top.parent?.type === 'return_statement' || top.parent?.type === 'assignment') && (!last || !EVALUATING.has(last))) {
      if (top.parent.type === 'return_statement') return;
      const name = top.parent.childForFieldName('left');
      const returned = fn.descendantsOfType('return_statement').some((r) => r?.namedChildren[0]?.text === name?.text);
      if (returned) return;
    }
    if (!isEntryPoint(fn) && callerDecides(fn, node, ctx)) return;
    const name = fn.childForFieldName('name')?.text ?? 'function';
    const attr = f.childForFieldName('attribute')!;
    ctx.report({
      node,
      start: attr.startIndex,
      end: node.endIndex,
      message: `\`select_for_update()\` outside \`transaction.atomic\`: Django raises \`TransactionManagementError\` in autocommit, and no lock would outlive the query; make \`${name}\` atomic`,
      fixes: () => [makeAtomicFix(ctx.file.text, ctx.root, fn, ctx.bindings)],
    });
  },
};
