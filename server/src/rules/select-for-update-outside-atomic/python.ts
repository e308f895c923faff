import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { enclosingFunction, inAtomic, ormChain, ROW_READ_METHODS } from '../../lang/python/django';
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
    if (p.type === 'await') {
      cur = p;
      continue;
    }
    return cur;
  }
}

/** The last method called on the chain, or null for a bare name. */
function lastMethod(top: Node): string | null {
  const e = top.type === 'await' ? top.namedChildren[0] : top;
  if (e?.type !== 'call') return null;
  const f = e.childForFieldName('function');
  return f?.type === 'attribute' ? (f.childForFieldName('attribute')?.text ?? null) : null;
}

export const python: PyDetector = {
  nodeTypes: ['call'],
  requires: /select_for_update/,
  visit(node: Node, ctx: PyContext) {
    const f = node.childForFieldName('function');
    if (f?.type !== 'attribute' || f.childForFieldName('attribute')?.text !== 'select_for_update') return;
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
