/**
 * Data flow for `**kwargs` in a Python call: can the splatted dict carry a
 * given keyword (`timeout`, `idempotency_key`)?
 *
 *   params = {"amount": amount, "currency": currency}
 *   if email:
 *       params["receipt_email"] = email
 *   stripe.PaymentIntent.create(api_key=key, **params)   # provably no idempotency_key
 *
 * The answer is "no" only when the dict is a local of the enclosing function,
 * built from a literal (`{...}` / `dict(k=v)`), and every later use is a
 * literal-key subscript, `.update({...})` / `.update(k=v)` / `.setdefault("k", v)`
 * with literal keys, or a non-mutating read (`.get`, `.items`, `in`, `len`).
 * Anything else (a parameter, a global, the dict passed to a function, aliased,
 * a computed key) may carry it.
 */
import type { Node } from '../../lang/python/tree';
import { callArgs, stringValue } from '../../lang/python/ast';

const SCOPES = new Set(['function_definition', 'lambda', 'class_definition']);
const READ_METHODS = new Set(['get', 'items', 'keys', 'values', 'copy', 'pop', 'popitem', '__contains__']);

/** True unless every `**name` argument of the call is a local dict that provably lacks all of `keys`. */
export function splatMayCarry(call: Node, keys: readonly string[]): boolean {
  for (const arg of callArgs(call)) {
    if (arg.type !== 'dictionary_splat') continue;
    const expr = arg.namedChildren.find((c) => c && c.type !== 'comment') ?? null;
    if (!expr) return true;
    const found = localDictKeys(expr, arg);
    if (!found || keys.some((k) => found.has(k))) return true;
  }
  return false;
}

/** The literal keys a local dict can hold, or null when unknown. */
function localDictKeys(expr: Node, splat: Node): Set<string> | null {
  if (expr.type === 'dictionary') return literalKeys(expr);
  if (expr.type !== 'identifier') return null;
  const name = expr.text;
  let fn: Node | null = splat.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  if (!fn) return null; // module level: any import can change it
  const params = fn.childForFieldName('parameters');
  for (const p of params?.namedChildren ?? []) {
    if (p && identifierOf(p) === name) return null;
  }
  const body = fn.childForFieldName('body');
  if (!body) return null;
  const keys = new Set<string>();
  let defined = false;
  let unknown = false;
  const visit = (n: Node): void => {
    if (unknown) return;
    for (const c of n.namedChildren) {
      if (!c || unknown) continue;
      if (SCOPES.has(c.type)) {
        if (new RegExp(`\\b${name}\\b`).test(c.text)) unknown = true; // a closure may mutate it
        continue;
      }
      if (c.type === 'identifier' && c.text === name && c.startIndex !== expr.startIndex) {
        const r = useOf(c, keys);
        if (r === 'unknown') unknown = true;
        else if (r === 'define') defined = true;
        continue;
      }
      visit(c);
    }
  };
  visit(body);
  return unknown || !defined ? null : keys;
}

function identifierOf(p: Node): string | null {
  if (p.type === 'identifier') return p.text;
  if (p.type === 'typed_parameter' || p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern') {
    return p.namedChildren.find((c) => c?.type === 'identifier')?.text ?? null;
  }
  if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') return p.childForFieldName('name')?.text ?? null;
  return null;
}

/** Classifies one use of the dict's name, adding the keys it may put in. */
function useOf(id: Node, keys: Set<string>): 'define' | 'ok' | 'unknown' {
  const parent = id.parent;
  if (!parent) return 'unknown';
  // name = {...} / name = dict(k=v)
  if (parent.type === 'assignment' && parent.childForFieldName('left')?.startIndex === id.startIndex) {
    const right = parent.childForFieldName('right');
    const lit = right ? dictFrom(right) : null;
    if (!lit) return 'unknown';
    lit.forEach((k) => keys.add(k));
    return 'define';
  }
  // name["k"] = v / name["k"] / del name["k"]
  if (parent.type === 'subscript' && parent.childForFieldName('value')?.startIndex === id.startIndex) {
    const key = stringValue(parent.childForFieldName('subscript'));
    if (key !== null) keys.add(key);
    else if (isAssignTarget(parent)) return 'unknown';
    return 'ok';
  }
  // name.update(...) / name.setdefault("k", v) / name.get(...)
  if (parent.type === 'attribute' && parent.childForFieldName('object')?.startIndex === id.startIndex) {
    const method = parent.childForFieldName('attribute')?.text ?? '';
    const call = parent.parent?.type === 'call' ? parent.parent : null;
    if (READ_METHODS.has(method)) return 'ok';
    if (!call) return 'unknown';
    if (method === 'update') {
      for (const a of callArgs(call)) {
        if (a.type === 'keyword_argument') {
          const k = a.childForFieldName('name')?.text;
          if (!k) return 'unknown';
          keys.add(k);
          continue;
        }
        const lit = dictFrom(a);
        if (!lit) return 'unknown';
        lit.forEach((k) => keys.add(k));
      }
      return 'ok';
    }
    if (method === 'setdefault') {
      const key = stringValue(callArgs(call)[0]);
      if (key === null) return 'unknown';
      keys.add(key);
      return 'ok';
    }
    return 'unknown';
  }
  // `"k" in name`, `if name:`, `len(name)`: reads
  if (parent.type === 'comparison_operator' || parent.type === 'not_operator' || parent.type === 'boolean_operator') return 'ok';
  if (parent.type === 'if_statement' || parent.type === 'elif_clause' || parent.type === 'while_statement') return 'ok';
  if (parent.type === 'argument_list' && parent.parent?.childForFieldName('function')?.text === 'len') return 'ok';
  return 'unknown';
}

function isAssignTarget(n: Node): boolean {
  const p = n.parent;
  return !!p && (p.type === 'assignment' || p.type === 'augmented_assignment') && p.childForFieldName('left')?.startIndex === n.startIndex;
}

/** Keys of a dict literal or `dict(k=v, ...)`; null when a key is computed or splatted. */
function dictFrom(n: Node): Set<string> | null {
  if (n.type === 'dictionary') return literalKeys(n);
  if (n.type === 'call' && n.childForFieldName('function')?.text === 'dict') {
    const out = new Set<string>();
    for (const a of callArgs(n)) {
      if (a.type !== 'keyword_argument') return null;
      const k = a.childForFieldName('name')?.text;
      if (!k) return null;
      out.add(k);
    }
    return out;
  }
  return null;
}

function literalKeys(dict: Node): Set<string> | null {
  const out = new Set<string>();
  for (const item of dict.namedChildren) {
    if (!item || item.type === 'comment') continue;
    if (item.type !== 'pair') return null;
    const k = stringValue(item.childForFieldName('key'));
    if (k === null) return null;
    out.add(k);
  }
  return out;
}
