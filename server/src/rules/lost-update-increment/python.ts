import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { assignmentsIn, descendantsNoNested, enclosingFunction, inAtomic, localValue, outsideProductionPython, rowRead, usesF } from '../../lang/python/django';
import { parameterNames } from '../../lang/python/ast';
import { calledUnderRowLock } from '../../lang/python/callers';
import { incrementFix, type IncrementSite } from '../../../../codemods/python/lost-update-increment';

/** `(obj.n or 0)`: the field read with a fallback for NULL, the fallback a number literal. */
function orFallback(n: Node, target: Node): Node | null {
  const inner = n.type === 'parenthesized_expression' ? n.namedChildren[0] : null;
  if (inner?.type !== 'boolean_operator' || inner.childForFieldName('operator')?.text !== 'or') return null;
  const l = inner.childForFieldName('left');
  const r = inner.childForFieldName('right');
  if (l?.text !== target.text || !r) return null;
  const num = r.type === 'unary_operator' ? r.namedChildren[r.namedChildren.length - 1] : r;
  return num && (num.type === 'integer' || num.type === 'float') ? r : null;
}

/**
 * `obj.n += k`, `obj.n -= k`, `obj.n = obj.n + k`, `obj.n = k + obj.n`, `obj.n = obj.n - k`, and
 * the same with a NULL fallback: `obj.n = (obj.n or 0) + k`.
 */
function incrementOf(stmt: Node): { target: Node; op: '+' | '-'; amount: Node; fallback?: Node } | null {
  const left = stmt.childForFieldName('left');
  const right = stmt.childForFieldName('right');
  if (left?.type !== 'attribute' || !right) return null;
  if (stmt.type === 'augmented_assignment') {
    const op = stmt.childForFieldName('operator')?.text;
    if (op !== '+=' && op !== '-=') return null;
    return { target: left, op: op === '+=' ? '+' : '-', amount: right };
  }
  if (right.type !== 'binary_operator') return null;
  const op = right.childForFieldName('operator')?.text;
  const a = right.childForFieldName('left');
  const b = right.childForFieldName('right');
  if (!a || !b || (op !== '+' && op !== '-')) return null;
  if (a.text === left.text) return { target: left, op, amount: b };
  if (op === '+' && b.text === left.text) return { target: left, op, amount: a };
  const fa = orFallback(a, left);
  if (fa) return { target: left, op, amount: b, fallback: fa };
  const fb = op === '+' ? orFallback(b, left) : null;
  if (fb) return { target: left, op, amount: a, fallback: fb };
  return null;
}

const NOT_A_NUMBER = new Set(['string', 'concatenated_string', 'list', 'tuple', 'set', 'dictionary', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

function mentions(n: Node, text: string): boolean {
  if (n.text === text) return true;
  return n.descendantsOfType(['identifier', 'attribute']).some((d) => d?.text === text);
}

export const python: PyDetector = {
  nodeTypes: ['augmented_assignment', 'assignment'],
  requires: /\bsave\b/,
  visit(stmt: Node, ctx: PyContext) {
    const inc = incrementOf(stmt);
    if (!inc) return;
    if (usesF(inc.amount, ctx.bindings)) return;
    const objNode = inc.target.childForFieldName('object');
    const field = inc.target.childForFieldName('attribute')?.text;
    if (!objNode || !field || (objNode.type !== 'identifier' && objNode.type !== 'attribute')) return;
    // strings, lists, tuples and sets grow with += too; only numbers are counters
    if (NOT_A_NUMBER.has(inc.amount.type)) return;
    if (outsideProductionPython(ctx.file.path, ctx.file.text)) return;
    const fn = enclosingFunction(stmt);
    if (!fn) return;
    const body = fn.childForFieldName('body');
    if (!body) return;
    const obj = objNode.text;
    // the object must be saved after the increment, in the same function
    const save = descendantsNoNested(body, (n) => n.type === 'call').find((c) => {
      const f = c.childForFieldName('function');
      return c.startIndex > stmt.endIndex && f?.type === 'attribute' && f.childForFieldName('object')?.text === obj && /^a?save$/.test(f.childForFieldName('attribute')?.text ?? '');
    });
    if (!save) return;
    let knownFields: string[] | null = null;
    const value = objNode.type === 'identifier' ? localValue(fn, obj, stmt.startIndex) : null;
    // a parameter whose every caller in the module holds a row lock when it calls (a
    // select_for_update before the call, which Django only runs inside a transaction): the
    // increment runs serialized by the caller's lock
    if (!value && objNode.type === 'identifier' && parameterNames(fn).includes(obj) && calledUnderRowLock(fn, ctx.root, obj)) return;
    if (objNode.type === 'identifier') {
      if (value) {
        const read = rowRead(value, fn, ctx.bindings);
        if (read?.locked && inAtomic(stmt, ctx.bindings)) return; // the row is locked: read-modify-write is safe
        if (isFreshInstance(value)) return; // created here: no one else can be writing it yet
        if (read) {
          const bindAt = value.endIndex;
          knownFields = assignmentsIn(body)
            .concat(descendantsNoNested(body, (n) => n.type === 'augmented_assignment'))
            .filter((a) => a.startIndex > bindAt && a.startIndex < save.startIndex)
            .sort((a, b) => a.startIndex - b.startIndex)
            .map((a) => a.childForFieldName('left'))
            .filter((l): l is Node => l?.type === 'attribute' && l.childForFieldName('object')?.text === obj)
            .map((l) => l.childForFieldName('attribute')!.text)
            .filter((x, i, arr) => arr.indexOf(x) === i);
        }
      }
    }
    const root = obj.split('.')[0];
    const usedAfter =
      !knownFields ||
      descendantsNoNested(body, (n) => n.type === 'identifier' && n.text === root).some((n) => n.startIndex > save.endIndex);
    // the field is read between the increment and the save: an F() expression there would break that code
    const readsBetween = descendantsNoNested(body, (n) => n.type === 'attribute' && n.text === inc.target.text).some(
      (n) => n.startIndex > stmt.endIndex && n.startIndex < save.startIndex,
    );
    const site: IncrementSite = { stmt, target: inc.target, field, op: inc.op, amount: inc.amount, fallback: inc.fallback, save, knownFields, usedAfter };
    ctx.report({
      node: stmt,
      message: `\`${inc.target.text}\` is incremented in Python and saved: concurrent requests overwrite each other's increments (lost update)`,
      fixes: () => (readsBetween || mentions(inc.amount, inc.target.text) ? [] : [incrementFix(ctx.file.text, ctx.root, site, ctx.bindings)]),
    });
  },
};

/** `Model(...)`, `Model.objects.create(...)`: a row this function just created. */
function isFreshInstance(value: Node): boolean {
  if (value.type !== 'call') return false;
  const f = value.childForFieldName('function');
  if (f?.type === 'identifier') return /^[A-Z]/.test(f.text);
  if (f?.type === 'attribute') return f.childForFieldName('attribute')?.text === 'create';
  return false;
}

