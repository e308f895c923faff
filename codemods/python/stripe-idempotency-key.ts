/**
 * Codemod: give a money-moving Stripe call an idempotency key derived from a
 * stable business id in scope.
 *
 *   stripe.checkout.Session.create(mode="payment", ...)
 *     -> stripe.checkout.Session.create(mode="payment", ..., idempotency_key=f"checkout-session-{order.id}")
 *   client.v1.refunds.create(params={...})
 *     -> client.v1.refunds.create(params={...}, options={"idempotency_key": f"refund-{order.id}"})
 *
 * Where the id comes from, first match wins:
 *   1. the call's own `metadata` (`{"order_id": order.id}`) or `client_reference_id`;
 *   2. a parameter or local of the enclosing functions holding an id (`order_id`, `booking_pk`)
 *      or a business object whose id the function uses (`order` with `order.id`);
 *   inside a `for` loop whose variable feeds the call, that variable's id is appended.
 * With nothing stable in scope the key is `f"<op>-{TODO_STABLE_ID}"`: an undefined
 * name, so the code fails loudly (NameError, flagged by every linter) until someone
 * puts a real id there; the snippet form puts the cursor on it. Never a random key.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix, TextEdit } from '../../server/src/engine/types';
import { appendArgument } from '../../server/src/lang/python/edits';
import { callArgs, indentAt, keywordArg, parameterNames, positionalArgs, preferredQuote } from '../../server/src/lang/python/ast';
import { detectEol } from '../../server/src/engine/positions';
import {
  BUSINESS_WORDS,
  ID_ATTRIBUTES,
  PLACEHOLDER,
  idWordRank,
  rankNames,
  objectWordRank,
  snippetEdits,
  wordsFor,
  type KeyCandidate,
  type PyMatch,
} from '../../server/src/rules/stripe-idempotency-key/operations';

export function addIdempotencyKeyFix(text: string, call: Node, match: PyMatch): Fix | null {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return null;
  const derived = deriveKeyExpression(call, match);
  const key = derived ? formatKey(text, match.op.label, derived) : null;
  const keyText = key ?? `f${preferredQuote(text)}${match.op.label}-{${PLACEHOLDER}}${preferredQuote(text)}`;
  const q = preferredQuote(text);
  let edit: TextEdit;
  if (match.api === 'legacy') {
    edit = appendArgument(text, call, `idempotency_key=${keyText}`);
  } else {
    const options = optionsArgument(call, match.ids);
    if (options && options.type === 'dictionary') edit = appendPair(text, options, `${q}idempotency_key${q}: ${keyText}`);
    else if (options) return null; // not a literal: the detector does not flag these
    else edit = appendArgument(text, call, `options={${q}idempotency_key${q}: ${keyText}}`);
  }
  const shown = match.api === 'legacy' ? `idempotency_key=${keyText}` : `"idempotency_key": ${keyText}`;
  if (key) {
    return { title: `Add \`${shown}\``, applicability: 'unsafe', edits: [edit] };
  }
  return {
    title: `Add an idempotency key placeholder (\`${PLACEHOLDER}\`) to replace with a stable business id`,
    applicability: 'unsafe',
    edits: [edit],
    snippet: snippetEdits([edit]) ?? undefined,
  };
}

/** The `options` argument of a StripeClient call: keyword, or positional after the ids and params. */
export function optionsArgument(call: Node, ids: number): Node | null {
  const kw = keywordArg(call, 'options');
  if (kw) return kw;
  const pos = positionalArgs(call);
  return pos.length > ids + 1 ? pos[ids + 1] : null;
}

/** The `params` argument of a StripeClient call. */
function paramsArgument(call: Node, ids: number): Node | null {
  const kw = keywordArg(call, 'params');
  if (kw) return kw;
  const pos = positionalArgs(call);
  return pos.length > ids ? pos[ids] : null;
}

/** Inserts `"key": value` into a dict literal, in its own layout. */
function appendPair(text: string, dict: Node, pairText: string): TextEdit {
  const items = dict.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
  const close = dict.endIndex - 1;
  if (!items.length) return { start: dict.startIndex + 1, end: close, newText: pairText };
  const last = items[items.length - 1];
  const between = text.slice(last.endIndex, close);
  const trailingComma = between.includes(',');
  const firstOnOwnLine = /[\r\n][ \t]*$/.test(text.slice(dict.startIndex, items[0].startIndex));
  const commaAt = trailingComma ? last.endIndex + between.indexOf(',') + 1 : last.endIndex;
  if (firstOnOwnLine) {
    const indent = indentAt(text, last.startIndex);
    return { start: commaAt, end: commaAt, newText: `${trailingComma ? '' : ','}${detectEol(text)}${indent}${pairText}${trailingComma ? ',' : ''}` };
  }
  return { start: commaAt, end: commaAt, newText: `${trailingComma ? ' ' : ', '}${pairText}` };
}

/** `f"<label>-{a}-{b}"` in the file's quote style, or null when the parts cannot sit in an f-string. */
function formatKey(text: string, label: string, parts: string[]): string | null {
  const preferred = preferredQuote(text);
  for (const q of [preferred, preferred === '"' ? "'" : '"']) {
    if (parts.some((p) => p.includes(q) || p.includes('\\') || /[\r\n{}]/.test(p))) continue;
    return `f${q}${label}-${parts.map((p) => `{${p}}`).join('-')}${q}`;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Finding a stable id

type Candidate = KeyCandidate;

/** Expression parts of the key (`["order.id"]`, `["order.id", "item.id"]`), or null when nothing stable is in scope. */
export function deriveKeyExpression(call: Node, match: PyMatch): string[] | null {
  const words = wordsFor(match.op);
  const loopPart = loopIdentity(call);
  if (loopPart === false) return null;
  const own = objectIdentity(call, match) ?? fromCallArguments(call, match, words);
  if (own) return loopPart && !own.includes(loopPart.name) ? [own, loopPart.expr] : [own];
  const candidates: Candidate[] = [];
  let depth = 0;
  for (let fn = enclosingFunction(call); fn; fn = enclosingFunction(fn), depth++) {
    collectCandidates(fn, call, words, depth, candidates, loopPart ? loopPart.name : null);
  }
  candidates.sort((a, b) => a.rank - b.rank || a.depth - b.depth);
  const best = candidates[0];
  if (best && loopPart) return [best.expr, loopPart.expr];
  if (best) return [best.expr];
  if (loopPart) return [loopPart.expr];
  return null;
}

function enclosingFunction(node: Node): Node | null {
  for (let cur = node.parent; cur; cur = cur.parent) if (cur.type === 'function_definition') return cur;
  return null;
}

/**
 * Confirm, capture, pay, finalize happen once per Stripe object: its id is the key.
 * `stripe.PaymentIntent.capture(order.payment_intent_id)` -> `order.payment_intent_id`;
 * `intent.capture()` on a retrieved object -> `intent.id`.
 */
function objectIdentity(call: Node, match: PyMatch): string | null {
  if (!match.op.oncePerObject) return null;
  if (match.ids === 0) {
    const receiver = call.childForFieldName('function')?.childForFieldName('object');
    return receiver?.type === 'identifier' ? `${receiver.text}.id` : null;
  }
  const first = match.api === 'legacy' ? (positionalArgs(call)[0] ?? keywordArg(call, 'intent') ?? keywordArg(call, 'invoice')) : positionalArgs(call)[0];
  return stableExpression(first ?? null);
}

/** `metadata={"order_id": order.id}` or `client_reference_id=str(order.pk)` on the call itself. */
function fromCallArguments(call: Node, match: PyMatch, words: readonly string[]): string | null {
  let metadata: Node | null = null;
  let reference: Node | null = null;
  if (match.api === 'legacy') {
    metadata = keywordArg(call, 'metadata');
    reference = keywordArg(call, 'client_reference_id');
  } else {
    const params = paramsArgument(call, match.ids);
    if (params?.type === 'dictionary') {
      metadata = dictValue(params, 'metadata');
      reference = dictValue(params, 'client_reference_id');
    }
  }
  let best: { expr: string; rank: number } | null = null;
  if (metadata?.type === 'dictionary') {
    for (const pair of metadata.namedChildren) {
      if (pair?.type !== 'pair') continue;
      const key = stringKey(pair.childForFieldName('key'));
      const value = stableExpression(pair.childForFieldName('value'));
      if (!key || !value) continue;
      const rank = idWordRank(key, words);
      if (rank >= 0 && (!best || rank < best.rank)) best = { expr: value, rank };
    }
  }
  if (best) return best.expr;
  return stableExpression(reference);
}

function dictValue(dict: Node, key: string): Node | null {
  for (const pair of dict.namedChildren) {
    if (pair?.type === 'pair' && stringKey(pair.childForFieldName('key')) === key) return pair.childForFieldName('value');
  }
  return null;
}

function stringKey(node: Node | null): string | null {
  if (!node || node.type !== 'string') return null;
  if (node.namedChildren.some((c) => c?.type === 'interpolation')) return null;
  return node.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
}

/** A side-effect-free expression naming a value: `order.id`, `order_id`, `str(order.pk)` -> `order.pk`. */
function stableExpression(node: Node | null): string | null {
  if (!node) return null;
  switch (node.type) {
    case 'identifier':
      return node.text;
    case 'attribute': {
      const obj = node.childForFieldName('object');
      return obj && stableExpression(obj) ? node.text : null;
    }
    case 'subscript': {
      const value = node.childForFieldName('value');
      const sub = node.childForFieldName('subscript');
      return value && stableExpression(value) && sub?.type === 'string' && !sub.text.includes('{') ? node.text : null;
    }
    case 'call': {
      const fn = node.childForFieldName('function');
      const a = callArgs(node);
      if (fn?.type === 'identifier' && (fn.text === 'str' || fn.text === 'int') && a.length === 1) return stableExpression(a[0]);
      return null;
    }
    default:
      return null;
  }
}

/** Names assigned in a function body (not nested functions) before `before`. */
function localsBefore(fn: Node, before: number): string[] {
  const out: string[] = [];
  const body = fn.childForFieldName('body');
  if (!body) return out;
  const stack: Node[] = [body];
  while (stack.length) {
    const n = stack.pop()!;
    for (const c of n.namedChildren) {
      if (!c || c.startIndex >= before) continue;
      if (c.type === 'function_definition' || c.type === 'class_definition' || c.type === 'lambda') continue;
      if (c.type === 'assignment' && c.endIndex <= before) {
        const left = c.childForFieldName('left');
        if (left?.type === 'identifier') out.push(left.text);
        else if (left?.type === 'pattern_list' || left?.type === 'tuple_pattern') {
          for (const id of left.namedChildren) if (id?.type === 'identifier') out.push(id.text);
        }
      }
      stack.push(c);
    }
  }
  return out;
}

/** `name.<id attribute>` used anywhere in the function: which attribute. */
function idAttributeUsed(fn: Node, name: string): string | null {
  let found: string | null = null;
  for (const a of fn.descendantsOfType('attribute')) {
    if (!a) continue;
    const obj = a.childForFieldName('object');
    const attr = a.childForFieldName('attribute')?.text;
    if (obj?.type === 'identifier' && obj.text === name && attr && ID_ATTRIBUTES.includes(attr)) {
      if (!found || ID_ATTRIBUTES.indexOf(attr) < ID_ATTRIBUTES.indexOf(found)) found = attr;
    }
  }
  return found;
}

function collectCandidates(fn: Node, call: Node, words: readonly string[], depth: number, out: Candidate[], exclude: string | null): void {
  const params = parameterNames(fn).filter((n) => n !== 'self' && n !== 'cls');
  const names = new Set([...params, ...localsBefore(fn, call.startIndex)]);
  rankNames(names, words, depth, exclude, (name) => idAttributeUsed(fn, name), out);
}

/**
 * The call runs once per iteration of an enclosing `for` whose variable it uses:
 * the key must tell iterations apart. Returns that variable's id, null when
 * there is no such loop, false when the loop variable has no usable id.
 */
function loopIdentity(call: Node): { name: string; expr: string } | null | false {
  const fn = enclosingFunction(call);
  for (let cur = call.parent; cur && cur !== fn; cur = cur.parent) {
    if (cur.type !== 'for_statement') continue;
    const left = cur.childForFieldName('left');
    const targets = left?.type === 'identifier' ? [left] : (left?.namedChildren.filter((c): c is Node => c?.type === 'identifier') ?? []);
    const used = new Set(call.descendantsOfType('identifier').map((i) => i?.text));
    for (const t of targets) {
      if (!used.has(t.text)) continue;
      const attr = idAttributeUsed(cur, t.text);
      if (attr) return { name: t.text, expr: `${t.text}.${attr}` };
      if (/(^|_)(id|pk|uuid)$|[a-z](Id|Pk|Uuid)$/.test(t.text)) return { name: t.text, expr: t.text };
      // a row of a business table (`for payout in Payout.objects.filter(...)`): rows have an `id`
      if (objectWordRank(t.text, BUSINESS_WORDS) >= 0) return { name: t.text, expr: `${t.text}.id` };
      return false;
    }
  }
  return null;
}
