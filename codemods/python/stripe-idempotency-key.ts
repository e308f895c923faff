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
 * A part is used only when it holds a value on every path to the call: not a parameter
 * defaulting to None (or to any shared default), not typed Optional, not assigned in some
 * branches only, not from `.get(...)` / `getattr(..., None)` / `.first()`, not a name the
 * function itself checks for None (unless that check returns or raises before the call).
 * Confirm and pay are retried with a new payment method after a decline: their key also
 * holds the `payment_method` argument, and without one nobody can tell the attempts apart.
 *
 * With no such id the fix needs input (`Fix.needsInput`): bulk fixing leaves the call and
 * lists it; the editor's quick fix inserts `f"<op>-{TODO_STABLE_ID}"` as a snippet with the
 * cursor on the placeholder. Never a random key.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import { addArgument } from '../../server/src/lang/python/edits';
import { callArgs, indentAt, keywordArg, parameterNames, positionalArgs, preferredQuote } from '../../server/src/lang/python/ast';
import { detectEol } from '../../server/src/text/positions';
import {
  BUSINESS_WORDS,
  ID_ATTRIBUTES,
  NO_STABLE_ID,
  PER_CARD_CHANGE,
  PLACEHOLDER,
  RETRIED_WITH,
  VARYING_INPUT,
  idWordRank,
  placeholderTitle,
  rankNames,
  objectWordRank,
  snippetEdits,
  wordsFor,
  type KeyCandidate,
  type KeyDerivation,
  type PyMatch,
} from '../../server/src/rules/stripe-idempotency-key/operations';

export function addIdempotencyKeyFix(text: string, call: Node, match: PyMatch, filePath?: string): Fix | null {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return null;
  const derived = deriveKeyExpression(call, match);
  const key = 'parts' in derived ? formatKey(text, match.op.label, derived.parts) : null;
  const keyText = key ?? `f${preferredQuote(text)}${match.op.label}-{${PLACEHOLDER}}${preferredQuote(text)}`;
  const q = preferredQuote(text);
  let edits: TextEdit[];
  if (match.api === 'legacy') {
    edits = addArgument(text, call, `idempotency_key=${keyText}`, filePath);
  } else {
    const options = optionsArgument(call, match.ids);
    if (options && options.type === 'dictionary') edits = [appendPair(text, options, `${q}idempotency_key${q}: ${keyText}`)];
    else if (options) return null; // not a literal: the detector does not flag these
    else edits = addArgument(text, call, `options={${q}idempotency_key${q}: ${keyText}}`, filePath);
  }
  const shown = match.api === 'legacy' ? `idempotency_key=${keyText}` : `"idempotency_key": ${keyText}`;
  if (key) {
    return { title: `Add \`${shown}\``, applicability: 'unsafe', edits };
  }
  const needs = 'needsInput' in derived ? derived : { needsInput: NO_STABLE_ID };
  return {
    title: placeholderTitle('an idempotency key', needs),
    applicability: 'unsafe',
    edits,
    snippet: snippetEdits(edits) ?? undefined,
    needsInput: needs.needsInput,
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

/**
 * The key parts (`["order.id"]`, `["order.id", "item.id"]`, `["intent_id", "payment_method_id"]`),
 * or why none can be written without a human.
 */
export function deriveKeyExpression(call: Node, match: PyMatch): KeyDerivation {
  const words = wordsFor(match.op);
  const refused: string[] = [];
  if (match.op.label === 'checkout-session') {
    const params = match.api === 'client' ? paramsArgument(call, match.ids) : null;
    const mode = match.api === 'legacy' ? keywordArg(call, 'mode') : params?.type === 'dictionary' ? dictValue(params, 'mode') : null;
    if (mode && /^["']setup["']$/.test(mode.text)) return { needsInput: PER_CARD_CHANGE };
  }
  const loopPart = loopIdentity(call);
  if (loopPart === false) return { needsInput: NO_STABLE_ID };
  const own = objectIdentity(call, match, refused) ?? fromCallArguments(call, match, words, refused);
  if (own) {
    const parts = loopPart && !own.includes(loopPart.name) ? [own, loopPart.expr] : [own];
    return withVaryingInputs(call, match, parts, refused);
  }
  const candidates: Candidate[] = [];
  let depth = 0;
  for (let fn = enclosingFunction(call); fn; fn = enclosingFunction(fn), depth++) {
    collectCandidates(fn, call, words, depth, candidates, loopPart ? loopPart.name : null, refused);
  }
  candidates.sort((a, b) => a.rank - b.rank || a.depth - b.depth);
  const best = candidates[0];
  const parts = best ? (loopPart ? [best.expr, loopPart.expr] : [best.expr]) : loopPart ? [loopPart.expr] : null;
  if (!parts) return { needsInput: NO_STABLE_ID, refused: refused[0] };
  return withVaryingInputs(call, match, parts, refused);
}

/**
 * Confirm / pay: a declined attempt is retried with another payment method, and that
 * retry must not get the first answer back. The key also holds the payment method
 * passed; with none passed (it was attached elsewhere and may change), nobody can
 * tell the attempts apart from here.
 */
function withVaryingInputs(call: Node, match: PyMatch, parts: string[], refused: string[]): KeyDerivation {
  const params = match.api === 'client' ? paramsArgument(call, match.ids) : null;
  const arg = (name: string): Node | null => (match.api === 'legacy' ? keywordArg(call, name) : params?.type === 'dictionary' ? dictValue(params, name) : null);
  // `PaymentIntent.create(..., confirm=True, payment_method=pm)` is an attempt too
  const varies = match.op.varies ?? (match.op.confirmable && arg('confirm')?.type === 'true' ? RETRIED_WITH : null);
  if (!varies) return { parts };
  for (const name of varies) {
    const value = arg(name);
    if (!value) continue;
    const expr = definedExpression(value, call, refused);
    return expr ? { parts: [...parts, expr] } : { needsInput: VARYING_INPUT, refused: refused[refused.length - 1] };
  }
  if (!match.op.varies) return { parts }; // a create that confirms with the customer's default method
  return { needsInput: VARYING_INPUT, refused: 'no payment method is passed to this call' };
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
function objectIdentity(call: Node, match: PyMatch, refused: string[]): string | null {
  if (!match.op.oncePerObject) return null;
  if (match.ids === 0) {
    const receiver = call.childForFieldName('function')?.childForFieldName('object');
    if (receiver?.type !== 'identifier') return null;
    return definedExpression(receiver, call, refused) ? `${receiver.text}.id` : null;
  }
  const first = match.api === 'legacy' ? (positionalArgs(call)[0] ?? keywordArg(call, 'intent') ?? keywordArg(call, 'invoice')) : positionalArgs(call)[0];
  return definedExpression(first ?? null, call, refused);
}

/** `metadata={"order_id": order.id}` or `client_reference_id=str(order.pk)` on the call itself. */
function fromCallArguments(call: Node, match: PyMatch, words: readonly string[], refused: string[]): string | null {
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
      if (!key) continue;
      const rank = idWordRank(key, words);
      if (rank < 0 || (best && rank >= best.rank)) continue;
      const value = definedExpression(pair.childForFieldName('value'), call, refused);
      if (value) best = { expr: value, rank };
    }
  }
  if (best) return best.expr;
  // a reference is often the payer (`user.username`), who buys many times: only one naming a purchase
  return namesBusinessObject(reference, words) ? definedExpression(reference, call, refused) : null;
}

/** `order.id`, `str(order.pk)`, `order_id`, `self.booking.uuid`: a value whose name is one of `words`. */
function namesBusinessObject(node: Node | null, words: readonly string[]): boolean {
  let n = node;
  while (n?.type === 'call') n = callArgs(n)[0] ?? null;
  if (!n) return false;
  if (n.type === 'identifier') return idWordRank(n.text, words) >= 0;
  if (n.type !== 'attribute') return false;
  const attr = n.childForFieldName('attribute')?.text ?? '';
  if (idWordRank(attr, words) >= 0) return true; // `self.order_id`
  const obj = n.childForFieldName('object');
  const owner = obj?.type === 'attribute' ? obj.childForFieldName('attribute') : obj;
  return ID_ATTRIBUTES.includes(attr) && owner?.type === 'identifier' && objectWordRank(owner.text, words) >= 0;
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

/** `stableExpression`, and only when its root name holds a value on every path to `call` (else the reason goes to `refused`). */
function definedExpression(node: Node | null, call: Node, refused: string[]): string | null {
  const expr = stableExpression(node);
  if (!expr || !node) return null;
  let root: Node | null = node;
  while (root && root.type !== 'identifier') {
    root = root.type === 'call' ? (callArgs(root)[0] ?? null) : (root.childForFieldName('object') ?? root.childForFieldName('value'));
  }
  if (!root || root.text === 'self' || root.text === 'cls') return expr;
  const why = missingAt(call, root.text, expr);
  if (why) {
    refused.push(why);
    return null;
  }
  return expr;
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
      if (c.type === 'assignment' && c.endIndex <= before) out.push(...targetNames(c.childForFieldName('left')));
      stack.push(c);
    }
  }
  return out;
}

function targetNames(left: Node | null): string[] {
  if (left?.type === 'identifier') return [left.text];
  if (left?.type === 'pattern_list' || left?.type === 'tuple_pattern') return left.namedChildren.filter((c) => c?.type === 'identifier').map((c) => c!.text);
  return [];
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

function collectCandidates(fn: Node, call: Node, words: readonly string[], depth: number, out: Candidate[], exclude: string | null, refused: string[]): void {
  const params = parameterNames(fn).filter((n) => n !== 'self' && n !== 'cls');
  const names = new Set([...params, ...localsBefore(fn, call.startIndex)]);
  const ranked: Candidate[] = [];
  rankNames(names, words, depth, exclude, (name) => idAttributeUsed(fn, name), ranked);
  for (const c of ranked) {
    const root = /^[A-Za-z_]\w*/.exec(c.expr)![0];
    const why = missingAt(call, root, c.expr);
    if (why) refused.push(why);
    else out.push(c);
  }
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

// ---------------------------------------------------------------------------
// Definedness: a key part must hold a value on every path to the call
//
// Intraprocedural and syntactic: parameters (defaults, Optional annotations),
// assignments (on which paths, from what), and what the function itself tests.

/**
 * Why `name` (the root of key part `expr`) may be missing when `call` runs, or null
 * when it holds a value on every path. `name` is looked up in the innermost
 * enclosing function that binds it; unbound names (module globals) are accepted.
 */
function missingAt(call: Node, name: string, expr: string): string | null {
  let at: Node = call;
  for (let fn = enclosingFunction(call); fn; at = fn, fn = enclosingFunction(fn)) {
    const param = parameterNode(fn, name);
    const assigned = !param && localsBefore(fn, at.startIndex).includes(name);
    if (!param && !assigned) continue;
    const subjects = new Set([name, expr]);
    if (guarded(fn, at, subjects)) return null;
    // `order.total` evaluated before the call raises on None: past it, `order` holds a value
    const used = dereferencedBefore(fn, call, at, name);
    // ...but not that its attribute is set: `if order.id:` elsewhere still says it may not be
    const attrTested = (): string | null => (expr !== name && testedForMissing(fn, at, new Set([expr])) ? `the function checks \`${expr}\` for a missing value` : null);
    if (param) {
      const declared = parameterMissing(param, name);
      if (declared && !(used && !declared.includes('shared'))) return declared;
      if (used) return attrTested();
    } else if (used) {
      return attrTested();
    } else {
      if (!assignedOnEveryPath(fn, at, name)) return `\`${name}\` is assigned only on some paths to the call`;
      const from = noneFrom(fn, at, name);
      if (from) return `\`${name}\` may be None (from \`${from}\`)`;
    }
    return testedForMissing(fn, at, subjects) ? `the function checks \`${[...subjects].pop()}\` for a missing value` : null;
  }
  return null;
}

function parameterNode(fn: Node, name: string): Node | null {
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p) continue;
    const id = p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier'));
    if (id?.type === 'identifier' && id.text === name) return p;
  }
  return null;
}

/** A default (every caller that omits the argument shares one key) or an Optional annotation. */
function parameterMissing(p: Node, name: string): string | null {
  if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
    return p.childForFieldName('value')?.type === 'none' ? `\`${name}\` defaults to None` : `\`${name}\` has a default shared by every caller that omits it`;
  }
  const type = p.childForFieldName('type');
  if (type && optionalType(type)) return `\`${name}\` is typed Optional`;
  return null;
}

/** `Optional[X]`, `X | None`, `Union[X, None]`, `None`. */
function optionalType(t: Node): boolean {
  const inner = t.type === 'type' ? t.namedChildren[0] : t;
  if (!inner) return false;
  if (inner.type === 'none') return true;
  if (inner.type === 'binary_operator') return [inner.childForFieldName('left'), inner.childForFieldName('right')].some((x) => !!x && optionalType(x));
  if (inner.type === 'generic_type' || inner.type === 'subscript') {
    const head = (inner.namedChildren[0]?.text ?? '').replace(/^(typing|t)\./, '');
    if (head === 'Optional') return true;
    if (head === 'Union') return inner.descendantsOfType('none').length > 0;
  }
  return false;
}

/**
 * Is `name.attr` read on every path before `call` runs: in the call's own arguments,
 * or in a plain statement before it in a block around it (not under a condition,
 * `and` / `or`, a lambda or a comprehension)?
 */
function dereferencedBefore(fn: Node, call: Node, at: Node, name: string): boolean {
  const reads = (root: Node): boolean =>
    root.descendantsOfType('attribute').some((a) => {
      if (!a || a.childForFieldName('object')?.type !== 'identifier' || a.childForFieldName('object')!.text !== name) return false;
      for (let p = a.parent; p && p !== root; p = p.parent) {
        if (CONDITIONAL.has(p.type)) return false;
      }
      return true;
    });
  const args = call.childForFieldName('arguments');
  if (at === call && args && reads(args)) return true;
  let child: Node = at;
  for (let cur = at.parent; cur && cur !== fn; child = cur, cur = cur.parent) {
    if (cur.type !== 'block') continue;
    for (const s of statementsOf(cur)) {
      if (s.startIndex >= child.startIndex) break;
      if ((s.type === 'expression_statement' || s.type === 'return_statement') && reads(s)) return true;
    }
  }
  return false;
}

const CONDITIONAL = new Set(['conditional_expression', 'boolean_operator', 'lambda', 'list_comprehension', 'dictionary_comprehension', 'set_comprehension', 'generator_expression', 'function_definition']);

/** Blocks a statement list lives in. */
function statementsOf(block: Node | null): Node[] {
  return block ? block.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : [];
}

/** Does the statement always end by leaving the function (return / raise)? */
function exits(block: Node | null): boolean {
  const last = statementsOf(block).pop();
  return last?.type === 'return_statement' || last?.type === 'raise_statement';
}

/** Does the statement assign `name` on every path through it that goes on? */
function assigns(s: Node, name: string): boolean {
  switch (s.type) {
    case 'expression_statement':
      return s.namedChildren.some((c) => c?.type === 'assignment' && targetNames(c.childForFieldName('left')).includes(name));
    case 'with_statement':
      return blockAssigns(s.childForFieldName('body'), name);
    case 'if_statement': {
      const alternatives = s.childrenForFieldName('alternative').filter((c): c is Node => !!c);
      if (!alternatives.some((a) => a.type === 'else_clause')) return false;
      const blocks = [s.childForFieldName('consequence'), ...alternatives.map((a) => a.childForFieldName('consequence') ?? a.childForFieldName('body'))];
      return blocks.every((b) => blockAssigns(b, name) || exits(b));
    }
    case 'try_statement': {
      const body = s.childForFieldName('body');
      const handlers = s.namedChildren.filter((c): c is Node => c?.type === 'except_clause' || c?.type === 'except_group_clause');
      const fin = s.namedChildren.find((c) => c?.type === 'finally_clause');
      if (fin && blockAssigns(fin.namedChildren.find((c) => c?.type === 'block') ?? null, name)) return true;
      return blockAssigns(body, name) && handlers.every((h) => {
        const b = h.namedChildren.find((c) => c?.type === 'block') ?? null;
        return blockAssigns(b, name) || exits(b);
      });
    }
    default:
      return false;
  }
}

function blockAssigns(block: Node | null, name: string): boolean {
  return statementsOf(block).some((s) => assigns(s, name));
}

/** Is `name` assigned on every path from the function's start to `at`? */
function assignedOnEveryPath(fn: Node, at: Node, name: string): boolean {
  let child: Node = at;
  for (let cur = at.parent; cur && cur !== fn; child = cur, cur = cur.parent) {
    if (cur.type === 'block') {
      for (const s of statementsOf(cur)) {
        if (s.startIndex >= child.startIndex) break;
        if (assigns(s, name)) return true;
      }
    }
    if (cur.type === 'for_statement' && child === cur.childForFieldName('body') && targetNames(cur.childForFieldName('left')).includes(name)) return true;
  }
  return false;
}

/** The assignment of `name` before `at` whose value may be None (`d.get("k")`, `qs.first()`...), as written. */
function noneFrom(fn: Node, at: Node, name: string): string | null {
  for (const a of fn.descendantsOfType('assignment')) {
    if (!a || a.endIndex > at.startIndex || !targetNames(a.childForFieldName('left')).includes(name)) continue;
    if (enclosingFunction(a) !== fn) continue;
    const right = a.childForFieldName('right');
    if (right && mayBeNone(right)) return right.text.length > 40 ? `${right.text.slice(0, 37)}...` : right.text;
  }
  return null;
}

const NONE_METHODS = new Set(['first', 'last', 'one_or_none', 'scalar', 'scalar_one_or_none', 'fetchone', 'match', 'search', 'fullmatch']);

function mayBeNone(e: Node | null): boolean {
  if (!e) return false;
  switch (e.type) {
    case 'none':
      return true;
    case 'parenthesized_expression':
      return !!e.namedChildren[0] && mayBeNone(e.namedChildren[0]);
    case 'conditional_expression':
      return e.namedChildren.filter((_, i) => i !== 1).some((c) => !!c && mayBeNone(c));
    case 'boolean_operator':
      // `a and b` may be a falsy `a`; `a or b` is None only when `b` may be
      return e.childForFieldName('operator')?.text === 'and' || mayBeNone(e.childForFieldName('right'));
    case 'call': {
      const fn = e.childForFieldName('function');
      const args = callArgs(e);
      const pos = positionalArgs(e);
      if (fn?.type === 'identifier') {
        if (fn.text === 'getattr' || fn.text === 'next') return pos.length === (fn.text === 'getattr' ? 2 : 1) || pos[pos.length - 1]?.type === 'none';
        return false;
      }
      if (fn?.type !== 'attribute') return false;
      const method = fn.childForFieldName('attribute')?.text ?? '';
      if (NONE_METHODS.has(method)) return true;
      // `d.get("k")` / `os.environ.get("K", None)`; a Django manager's `.get(pk=...)` raises instead
      if (method === 'get' || method === 'getenv') return args.length === pos.length && (pos.length === 1 || (pos.length === 2 && pos[1].type === 'none'));
      return false;
    }
    default:
      return false;
  }
}

function unparen(e: Node | null): Node | null {
  let cur = e;
  while (cur?.type === 'parenthesized_expression') cur = cur.namedChildren[0] ?? null;
  return cur;
}

/** `not x`, `x is None`, `x == None`, `not x or ...`: true when the subject is missing. */
function missingTest(e: Node | null, subjects: Set<string>): boolean {
  e = unparen(e);
  if (!e) return false;
  if (e.type === 'not_operator') return presentTest(e.childForFieldName('argument'), subjects);
  if (e.type === 'boolean_operator' && e.childForFieldName('operator')?.text === 'or') {
    return missingTest(e.childForFieldName('left'), subjects) || missingTest(e.childForFieldName('right'), subjects);
  }
  if (e.type === 'comparison_operator') {
    const [l, r] = e.namedChildren;
    const op = e.children.filter((c) => c && !c.isNamed).map((c) => c!.text).join(' ');
    const other = l && subjects.has(l.text) ? r : r && subjects.has(r.text) ? l : null;
    return other?.type === 'none' && (op === 'is' || op === '==');
  }
  return false;
}

/** `x`, `x is not None`, `x and ...`: true when the subject holds a value. */
function presentTest(e: Node | null, subjects: Set<string>): boolean {
  e = unparen(e);
  if (!e) return false;
  if (subjects.has(e.text) && (e.type === 'identifier' || e.type === 'attribute')) return true;
  if (e.type === 'not_operator') return missingTest(e.childForFieldName('argument'), subjects);
  if (e.type === 'boolean_operator' && e.childForFieldName('operator')?.text === 'and') {
    return presentTest(e.childForFieldName('left'), subjects) || presentTest(e.childForFieldName('right'), subjects);
  }
  if (e.type === 'comparison_operator') {
    const [l, r] = e.namedChildren;
    const op = e.children.filter((c) => c && !c.isNamed).map((c) => c!.text).join(' ');
    const other = l && subjects.has(l.text) ? r : r && subjects.has(r.text) ? l : null;
    return other?.type === 'none' && (op === 'is not' || op === '!=');
  }
  return false;
}

/**
 * A check that settles the question before the call: `if not x: return/raise` (or
 * `if x is None: x = ...`) earlier in a block around the call, `assert x`, or the
 * call inside `if x:`.
 */
function guarded(fn: Node, at: Node, subjects: Set<string>): boolean {
  return guards(fn, at, subjects).length > 0;
}

/** The condition nodes of the checks that settle the subject's presence at `at`. */
function guards(fn: Node, at: Node, subjects: Set<string>): Node[] {
  const out: Node[] = [];
  let child: Node = at;
  for (let cur = at.parent; cur && cur !== fn; child = cur, cur = cur.parent) {
    if (cur.type === 'block') {
      for (const s of statementsOf(cur)) {
        if (s.startIndex >= child.startIndex) break;
        const cond = s.type === 'if_statement' ? s.childForFieldName('condition') : null;
        const body = s.type === 'if_statement' ? s.childForFieldName('consequence') : null;
        if (cond && missingTest(cond, subjects) && (exits(body) || [...subjects].some((n) => blockAssigns(body, n)))) out.push(cond);
        if (s.type === 'assert_statement' && presentTest(s.namedChildren[0] ?? null, subjects)) out.push(s.namedChildren[0]!);
      }
    }
    if ((cur.type === 'if_statement' || cur.type === 'elif_clause') && child === cur.childForFieldName('consequence')) {
      const cond = cur.childForFieldName('condition');
      if (presentTest(cond, subjects)) out.push(cond!);
    }
  }
  return out;
}

/**
 * Does the function test the subject for a missing value anywhere (`if x:`, `not x`,
 * `x is None`, `x or default`, `a if x else b`), other than in a check that settles
 * it before the call? The code itself then says the value can be missing.
 */
function testedForMissing(fn: Node, at: Node, subjects: Set<string>): boolean {
  const settled = guards(fn, at, subjects);
  const body = fn.childForFieldName('body');
  if (!body) return false;
  const stack: Node[] = [body];
  while (stack.length) {
    const n = stack.pop()!;
    for (const c of n.namedChildren) {
      if (!c || c.type === 'function_definition' || c.type === 'lambda' || c.type === 'class_definition') continue;
      if ((c.type === 'identifier' || c.type === 'attribute') && subjects.has(c.text)) {
        if (inTestPosition(c) && !settled.some((g) => g.startIndex <= c.startIndex && c.endIndex <= g.endIndex)) return true;
        continue;
      }
      stack.push(c);
    }
  }
  return false;
}

/** Is the node's truthiness or None-ness what its context looks at? */
function inTestPosition(node: Node): boolean {
  let cur = node;
  for (let p = cur.parent; p; cur = p, p = p.parent) {
    switch (p.type) {
      case 'parenthesized_expression':
        continue;
      case 'not_operator':
      case 'assert_statement':
        return true;
      case 'comparison_operator':
        return p.namedChildren.some((c) => c?.type === 'none');
      case 'boolean_operator':
        if (cur === p.childForFieldName('left')) return true;
        continue; // `a or x`: tested only when the whole is
      case 'if_statement':
      case 'elif_clause':
      case 'while_statement':
        return cur === p.childForFieldName('condition');
      case 'conditional_expression':
        return p.namedChildren[1] === cur;
      default:
        return false;
    }
  }
  return false;
}
