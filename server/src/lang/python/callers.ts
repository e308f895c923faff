/**
 * Who calls a function in its own module, and do they hold a row lock when
 * they call? A function whose every caller has taken a row lock first
 * (`.select_for_update()`, or a project helper named `*select_for_update`,
 * which Django only runs inside a transaction) runs serialized by that lock:
 * the parent-row lock pattern (`Checkout.objects.select_for_update()` ...
 * `_create_order(...)`). Callers are found by name in the same module only;
 * with no caller there, the callers are unknown and nothing is assumed.
 */
import type { Node } from './tree';
import { parameterNames } from './ast';
import { descendantsNoNested, enclosingFunction } from './django';

const MAX_DEPTH = 3;

/** Calls of `fn` in the module outside `fn` itself: `name(...)`, or `self.name(...)` / `cls.name(...)` for a method. */
export function callsOf(fn: Node, root: Node): Node[] {
  const name = fn.childForFieldName('name')?.text;
  if (!name) return [];
  const first = parameterNames(fn)[0];
  const isMethod = first === 'self' || first === 'cls';
  return root.descendantsOfType('call').filter((c): c is Node => {
    const f = c?.childForFieldName('function');
    if (!c || !f || (c.startIndex >= fn.startIndex && c.endIndex <= fn.endIndex)) return false;
    if (isMethod) return f.type === 'attribute' && f.childForFieldName('attribute')?.text === name && /^(self|cls)$/.test(f.childForFieldName('object')?.text ?? '');
    return f.type === 'identifier' && f.text === name;
  });
}

/** A row lock taken in `caller` before offset `before`. */
function lockedBefore(caller: Node, before: number): boolean {
  const body = caller.childForFieldName('body');
  if (!body) return false;
  return descendantsNoNested(body, (n) => n.type === 'call').some((c) => {
    const f = c.childForFieldName('function');
    const last = f?.type === 'attribute' ? f.childForFieldName('attribute')?.text : f?.text;
    return c.startIndex < before && /select_for_update$/.test(last ?? '');
  });
}

/**
 * Every call of `fn` in the module comes after a row lock taken by its caller, or from a caller
 * of which the same holds. With `param`, a caller that does not lock must hand the same object
 * on from its own parameter (the row the outer caller locked).
 */
export function calledUnderRowLock(fn: Node, root: Node, param?: string, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const calls = callsOf(fn, root);
  if (!calls.length) return false;
  const params = parameterNames(fn);
  const isMethod = params[0] === 'self' || params[0] === 'cls';
  return calls.every((call) => {
    const caller = enclosingFunction(call);
    if (!caller) return false;
    if (lockedBefore(caller, call.startIndex)) return true;
    if (param === undefined) return calledUnderRowLock(caller, root, undefined, depth + 1);
    const index = params.indexOf(param);
    const arg = argumentFor(call, param, isMethod ? index - 1 : index);
    return !!arg && arg.type === 'identifier' && parameterNames(caller).includes(arg.text) && calledUnderRowLock(caller, root, arg.text, depth + 1);
  });
}

/** The argument a call passes for a parameter (by keyword, else by position). */
function argumentFor(call: Node, param: string, index: number): Node | null {
  const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment') ?? [];
  for (const a of args) if (a.type === 'keyword_argument' && a.childForFieldName('name')?.text === param) return a.childForFieldName('value');
  const positional = args.filter((a) => a.type !== 'keyword_argument' && a.type !== 'dictionary_splat' && a.type !== 'list_splat');
  return index >= 0 ? (positional[index] ?? null) : null;
}
