/**
 * Codemod: give money-moving stripe-node calls an idempotency key derived from
 * a stable business id in scope.
 *
 *   stripe.checkout.sessions.create({ ... })
 *     -> stripe.checkout.sessions.create({ ... }, { idempotencyKey: `checkout-session-${order.id}` })
 *   stripe.refunds.create(params, { stripeAccount })
 *     -> stripe.refunds.create(params, { stripeAccount, idempotencyKey: `refund-${orderId}` })
 *   stripe.paymentIntents.capture(id)
 *     -> stripe.paymentIntents.capture(id, {}, { idempotencyKey: `payment-intent-capture-${order.id}` })
 *
 * Where the id comes from, first match wins: the call's own `metadata`
 * (`{ orderId: order.id }`) or `client_reference_id`; a parameter or local
 * holding an id (`orderId`, `booking_id`); a business object (`order`, `cart`,
 * `booking`...) whose `.id` / `._id` the function uses; `req.params.orderId`
 * style route values. A call inside a loop or an array callback whose variable
 * it uses also gets that variable's id. With nothing stable in scope the key is
 * `` `<op>-${TODO_STABLE_ID}` ``: an undefined name that fails loudly (compile
 * error in TS, ReferenceError in JS) until a real id replaces it. Never random.
 *
 * Standard jscodeshift transform: `(file, api, options) => string | undefined`.
 * Standalone (`jscodeshift -t codemods/js/stripe-idempotency-key.ts --parser=tsx src/`)
 * it finds the Stripe instances itself (imports, `require`, `new Stripe()`,
 * typed parameters and class members); the engine passes `options.range` to
 * change the one call its detector resolved. The AST only locates the sites:
 * edits are spliced into the original text, so layout, quotes, trailing commas
 * and line endings stay as they were.
 */
import type { API, FileInfo, Options } from 'jscodeshift';
import { inTarget } from '../lib/jscodeshift';
import {
  BUSINESS_WORDS,
  ID_ATTRIBUTES,
  PLACEHOLDER,
  idWordRank,
  rankNames,
  jsOperation,
  objectWordRank,
  wordsFor,
  type KeyCandidate,
  type StripeOperation,
} from '../../server/src/rules/stripe-idempotency-key/operations';

/** Babel AST node (jscodeshift ts/tsx parsers): UTF-16 `start`/`end`. */
type AnyNode = { type: string; start: number; end: number; [k: string]: any };

interface Edit {
  start: number;
  end: number;
  text: string;
}

const SKIP_KEYS = new Set(['loc', 'start', 'end', 'comments', 'leadingComments', 'trailingComments', 'innerComments', 'extra', 'tokens', 'range']);
const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ClassMethod', 'ClassPrivateMethod', 'ObjectMethod']);
const OPTION_KEYS = new Set(['idempotencyKey', 'idempotency_key']);
const ITERATION_METHODS = new Set(['map', 'forEach', 'flatMap', 'filter', 'some', 'every', 'each', 'mapSeries', 'eachSeries']);

export default function transformer(file: FileInfo, api: API, options: Options): string | undefined {
  const j = api.jscodeshift;
  const original = file.source;
  // recast reports offsets in text with normalized line endings: work in that text,
  // then map the edits back onto the original (CRLF files stay CRLF).
  const src = original.replace(/\r\n?/g, '\n');
  const toOriginal = offsetMap(original, src);
  let program: AnyNode;
  try {
    program = j(src).get().node.program as AnyNode;
  } catch {
    return undefined; // unparsable input: nothing to do
  }
  const range = options.range as { start: number; end: number } | undefined;
  const eol = original.includes('\r\n') ? '\r\n' : '\n';
  const ctx: Ctx = { src, eol: '\n', classes: collectStripeClasses(program), trusted: !!range };
  if (!range && !ctx.classes.size && !/require\(\s*['"]stripe['"]\s*\)/.test(src)) return undefined;
  const edits: Edit[] = [];
  walk(program, [], (node, parents) => {
    if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression') return;
    if (!inTarget({ start: toOriginal(node.start), end: toOriginal(node.end) }, options)) return;
    const op = stripeOperation(node, parents, ctx);
    if (!op || !needsKey(node, op)) return;
    const edit = keyEdit(node, parents, op, ctx);
    if (edit) edits.push(edit);
  });
  if (!edits.length) return undefined;
  edits.sort((a, b) => b.start - a.start);
  let out = original;
  for (const e of edits) out = out.slice(0, toOriginal(e.start)) + e.text.replace(/\n/g, eol) + out.slice(toOriginal(e.end));
  return out;
}

/** Maps an offset in `normalized` (line endings turned into `\n`) to the same place in `original`. */
function offsetMap(original: string, normalized: string): (offset: number) => number {
  if (original === normalized) return (o) => o;
  const map = new Int32Array(normalized.length + 1);
  let n = 0;
  for (let i = 0; i < original.length; i++) {
    if (original[i] === '\r' && original[i + 1] === '\n') continue;
    map[n++] = i;
  }
  map[n] = original.length;
  return (o) => map[Math.max(0, Math.min(o, n))];
}

interface Ctx {
  src: string;
  eol: string;
  /** Local names bound to the stripe module or its `Stripe` class. */
  classes: Set<string>;
  /** The engine already resolved the receiver (range given): only the shape is checked. */
  trusted: boolean;
}

// ---------------------------------------------------------------------------
// AST helpers

function walk(node: AnyNode, parents: AnyNode[], visit: (n: AnyNode, parents: AnyNode[]) => void): void {
  visit(node, parents);
  parents.push(node);
  for (const key of Object.keys(node)) {
    if (SKIP_KEYS.has(key)) continue;
    const v = node[key];
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c.type === 'string') walk(c, parents, visit);
    } else if (v && typeof v === 'object' && typeof v.type === 'string') {
      walk(v, parents, visit);
    }
  }
  parents.pop();
}

/** All descendants of `node` (not entering nested functions when `shallow`). */
function descendants(node: AnyNode, shallow = false): AnyNode[] {
  const out: AnyNode[] = [];
  walk(node, [], (n, parents) => {
    if (shallow && parents.length && parents.slice(1).some((p) => FUNCTION_TYPES.has(p.type))) return;
    out.push(n);
  });
  return out;
}

function unwrap(e: AnyNode | null | undefined): AnyNode | null {
  let cur = e ?? null;
  while (cur && (cur.type === 'TSNonNullExpression' || cur.type === 'TSAsExpression' || cur.type === 'TSSatisfiesExpression' || cur.type === 'ParenthesizedExpression' || cur.type === 'TSTypeAssertion')) {
    cur = cur.expression;
  }
  return cur;
}

function isMember(n: AnyNode | null): boolean {
  return !!n && (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression');
}

function propName(m: AnyNode): string | null {
  if (!m.computed && m.property?.type === 'Identifier') return m.property.name;
  if (m.computed && m.property?.type === 'StringLiteral') return m.property.value;
  return null;
}

function keyName(p: AnyNode): string | null {
  if (p.computed) return null;
  if (p.key?.type === 'Identifier') return p.key.name;
  if (p.key?.type === 'StringLiteral') return p.key.value;
  return null;
}

function isRequireStripe(e: AnyNode | null): boolean {
  return (
    !!e &&
    e.type === 'CallExpression' &&
    e.callee?.type === 'Identifier' &&
    e.callee.name === 'require' &&
    e.arguments.length === 1 &&
    e.arguments[0].type === 'StringLiteral' &&
    e.arguments[0].value === 'stripe'
  );
}

// ---------------------------------------------------------------------------
// Which calls are Stripe calls (standalone mode)

function collectStripeClasses(program: AnyNode): Set<string> {
  const out = new Set<string>();
  for (const s of program.body as AnyNode[]) {
    if (s.type === 'ImportDeclaration' && s.source.value === 'stripe') {
      for (const sp of s.specifiers as AnyNode[]) {
        if (sp.type === 'ImportSpecifier') {
          const imported = sp.imported.type === 'Identifier' ? sp.imported.name : sp.imported.value;
          if (imported === 'Stripe' || imported === 'default') out.add(sp.local.name);
        } else out.add(sp.local.name); // default or namespace
      }
    } else if (s.type === 'TSImportEqualsDeclaration' && s.moduleReference?.expression?.value === 'stripe') {
      out.add(s.id.name);
    } else if (s.type === 'VariableDeclaration') {
      for (const d of s.declarations as AnyNode[]) {
        const init = unwrap(d.init);
        const fromRequire = isRequireStripe(init) || (isMember(init) && isRequireStripe(init!.object) && ['Stripe', 'default'].includes(propName(init!) ?? ''));
        if (!fromRequire) continue;
        if (d.id.type === 'Identifier') out.add(d.id.name);
        else if (d.id.type === 'ObjectPattern') {
          for (const p of d.id.properties as AnyNode[]) {
            if (p.type === 'ObjectProperty' && ['Stripe', 'default'].includes(keyName(p) ?? '') && p.value.type === 'Identifier') out.add(p.value.name);
          }
        }
      }
    }
  }
  return out;
}

/** `Stripe`, `S.Stripe`, `require("stripe")`, `require("stripe").Stripe` */
function isStripeCtor(e: AnyNode | null, ctx: Ctx): boolean {
  e = unwrap(e);
  if (!e) return false;
  if (e.type === 'Identifier') return ctx.classes.has(e.name);
  if (isRequireStripe(e)) return true;
  if (isMember(e)) {
    const name = propName(e);
    return (name === 'Stripe' || name === 'default') && (isRequireStripe(unwrap(e.object)) || (unwrap(e.object)?.type === 'Identifier' && ctx.classes.has(unwrap(e.object)!.name)));
  }
  return false;
}

function isStripeType(annotation: AnyNode | null | undefined, ctx: Ctx): boolean {
  const t = annotation?.type === 'TSTypeAnnotation' ? annotation.typeAnnotation : annotation;
  if (!t || t.type !== 'TSTypeReference') return false;
  const name = t.typeName;
  if (name.type === 'Identifier') return ctx.classes.has(name.name);
  return name.type === 'TSQualifiedName' && name.left.type === 'Identifier' && ctx.classes.has(name.left.name) && name.right.name === 'Stripe';
}

/** `new Stripe(k)`, `Stripe(k)`, `require("stripe")(k)`, or a name bound to one. */
function isStripeInstance(e: AnyNode | null, parents: AnyNode[], ctx: Ctx): boolean {
  e = unwrap(e);
  if (!e) return false;
  if (e.type === 'NewExpression' || e.type === 'CallExpression') return isStripeCtor(e.callee, ctx);
  if (e.type === 'Identifier') return nameIsStripeInstance(e.name, e.start, parents, ctx);
  return false;
}

/** Finds the nearest declaration of `name` among the enclosing scopes and checks what it holds. */
function nameIsStripeInstance(name: string, at: number, parents: AnyNode[], ctx: Ctx): boolean {
  for (let i = parents.length - 1; i >= 0; i--) {
    const p = parents[i];
    if (FUNCTION_TYPES.has(p.type)) {
      for (const param of p.params as AnyNode[]) {
        const id = param.type === 'TSParameterProperty' ? param.parameter : param.type === 'AssignmentPattern' ? param.left : param;
        const target = id?.type === 'AssignmentPattern' ? id.left : id;
        if (target?.type === 'Identifier' && target.name === name) return isStripeType(target.typeAnnotation, ctx);
      }
    }
    const body: AnyNode[] | null = p.type === 'Program' || p.type === 'BlockStatement' || p.type === 'TSModuleBlock' ? p.body : null;
    if (!body) continue;
    for (const s of body) {
      const decl = s.type === 'ExportNamedDeclaration' ? s.declaration : s;
      if (decl?.type !== 'VariableDeclaration') continue;
      for (const d of decl.declarations as AnyNode[]) {
        if (d.id.type !== 'Identifier' || d.id.name !== name) continue;
        if (isStripeType(d.id.typeAnnotation, ctx)) return true;
        if (d.init) return isStripeInstance(d.init, parents.slice(0, i + 1), ctx);
        // `let stripe; ... stripe = new Stripe(k)`
        return body.some(
          (x) =>
            x.type === 'ExpressionStatement' &&
            x.expression.type === 'AssignmentExpression' &&
            x.expression.left.type === 'Identifier' &&
            x.expression.left.name === name &&
            isStripeInstance(x.expression.right, [], ctx),
        );
      }
    }
  }
  void at;
  return false;
}

/** `this.<member>` is a Stripe instance: class property, parameter property or constructor assignment. */
function memberIsStripeInstance(member: string, parents: AnyNode[], ctx: Ctx): boolean {
  let cls: AnyNode | null = null;
  for (let i = parents.length - 1; i >= 0; i--) {
    const p = parents[i];
    if (p.type === 'FunctionDeclaration' || p.type === 'FunctionExpression' || p.type === 'ObjectMethod') return false;
    if (p.type === 'ClassBody') {
      cls = p;
      break;
    }
  }
  if (!cls) return false;
  for (const m of cls.body as AnyNode[]) {
    if ((m.type === 'ClassProperty' || m.type === 'PropertyDefinition') && keyName(m) === member) {
      if (m.value) return isStripeInstance(m.value, [], ctx);
      return isStripeType(m.typeAnnotation, ctx);
    }
    if (m.type === 'ClassMethod' && m.kind === 'constructor') {
      for (const param of m.params as AnyNode[]) {
        if (param.type !== 'TSParameterProperty') continue;
        const id = param.parameter.type === 'AssignmentPattern' ? param.parameter.left : param.parameter;
        if (id.type === 'Identifier' && id.name === member) return isStripeType(id.typeAnnotation, ctx);
      }
      for (const n of descendants(m.body)) {
        if (
          n.type === 'AssignmentExpression' &&
          isMember(n.left) &&
          n.left.object.type === 'ThisExpression' &&
          propName(n.left) === member
        ) {
          return isStripeInstance(n.right, [m], ctx);
        }
      }
    }
  }
  return false;
}

/** The operation a call performs when it is a Stripe call, else null. */
function stripeOperation(call: AnyNode, parents: AnyNode[], ctx: Ctx): StripeOperation | null {
  const segs: string[] = [];
  let cur = unwrap(call.callee);
  while (isMember(cur)) {
    const name = propName(cur!);
    if (name === null) return null;
    segs.unshift(name);
    cur = unwrap(cur!.object);
  }
  if (!cur || segs.length < 2) return null;
  for (let i = 0; i <= 1 && i < segs.length - 1; i++) {
    const op = jsOperation(segs.slice(i).join('.'));
    if (!op) continue;
    if (ctx.trusted) return op;
    if (i === 0 && isStripeInstance(cur, parents, ctx)) return op;
    if (i === 1 && cur.type === 'ThisExpression' && memberIsStripeInstance(segs[0], parents, ctx)) return op;
  }
  return null;
}

/** Mirrors the detector: does this call provably lack an idempotency key? */
export function needsKey(call: AnyNode, op: StripeOperation): boolean {
  const args = call.arguments as AnyNode[];
  if (args.some((a) => a.type === 'SpreadElement')) return false;
  for (let i = op.ids; i < args.length; i++) {
    const a = args[i];
    if (a.type === 'ObjectExpression' && a.properties.some((p: AnyNode) => p.type !== 'SpreadElement' && OPTION_KEYS.has(keyName(p) ?? ''))) return false;
  }
  const options = args[op.ids + 1];
  if (!options) return true;
  if (options.type === 'Identifier' && options.name === 'undefined') return true;
  if (options.type !== 'ObjectExpression') return false; // a variable: may carry the key
  return !options.properties.some((p: AnyNode) => p.type === 'SpreadElement' || p.computed);
}

// ---------------------------------------------------------------------------
// The edit

function keyEdit(call: AnyNode, parents: AnyNode[], op: StripeOperation, ctx: Ctx): Edit | null {
  const args = call.arguments as AnyNode[];
  if (args.length < op.ids) return null;
  const parts = deriveKeyParts(call, parents, op, ctx);
  const key = parts ? `\`${op.label}-${parts.map((p) => `\${${p}}`).join('-')}\`` : `\`${op.label}-\${${PLACEHOLDER}}\``;
  const prop = `idempotencyKey: ${key}`;
  const options = args[op.ids + 1];
  if (options?.type === 'ObjectExpression') return insertProperty(options, prop, ctx);
  if (options) return { start: options.start, end: options.end, text: `{ ${prop} }` }; // `undefined`
  if (args.length === op.ids + 1) return appendArgument(call, `{ ${prop} }`, ctx);
  return appendArgument(call, `{}, { ${prop} }`, ctx);
}

function indentAt(src: string, offset: number): string {
  let s = offset;
  while (s > 0 && src[s - 1] !== '\n' && src[s - 1] !== '\r') s--;
  let e = s;
  while (e < src.length && (src[e] === ' ' || src[e] === '\t')) e++;
  return src.slice(s, e);
}

/** Appends an argument in the call's own layout (same line, or a new line per argument). */
function appendArgument(call: AnyNode, text: string, ctx: Ctx): Edit | null {
  const { src, eol } = ctx;
  const args = call.arguments as AnyNode[];
  const close = call.end - 1;
  if (src[close] !== ')') return null;
  const calleeEnd = (call.typeParameters ?? call.typeArguments ?? call.callee).end;
  const open = src.indexOf('(', calleeEnd);
  if (open < 0 || open > close) return null;
  if (!args.length) {
    const inner = src.slice(open + 1, close);
    return inner.trim() === '' ? { start: open + 1, end: close, text } : null;
  }
  const last = args[args.length - 1];
  const between = src.slice(last.end, close);
  const comma = between.indexOf(',');
  const trailing = comma >= 0 && !between.slice(0, comma).includes('/');
  const at = trailing ? last.end + comma + 1 : last.end;
  if (/[\r\n][ \t]*$/.test(src.slice(open + 1, args[0].start))) {
    return { start: at, end: at, text: `${trailing ? '' : ','}${eol}${indentAt(src, last.start)}${text}${trailing ? ',' : ''}` };
  }
  return { start: at, end: at, text: `${trailing ? ' ' : ', '}${text}` };
}

function insertProperty(obj: AnyNode, prop: string, ctx: Ctx): Edit | null {
  const { src, eol } = ctx;
  const props = obj.properties as AnyNode[];
  const close = obj.end - 1;
  if (src[close] !== '}') return null;
  if (!props.length) return { start: obj.start + 1, end: close, text: ` ${prop} ` };
  const last = props[props.length - 1];
  const between = src.slice(last.end, close);
  const comma = between.indexOf(',');
  const trailing = comma >= 0 && !between.slice(0, comma).includes('/');
  const at = trailing ? last.end + comma + 1 : last.end;
  if (/[\r\n][ \t]*$/.test(src.slice(obj.start + 1, props[0].start))) {
    return { start: at, end: at, text: `${trailing ? '' : ','}${eol}${indentAt(src, last.start)}${prop}${trailing ? ',' : ''}` };
  }
  return { start: at, end: at, text: `${trailing ? ' ' : ', '}${prop}` };
}

// ---------------------------------------------------------------------------
// Finding a stable id

type Candidate = KeyCandidate;

function deriveKeyParts(call: AnyNode, parents: AnyNode[], op: StripeOperation, ctx: Ctx): string[] | null {
  const words = wordsFor(op);
  const loop = loopIdentity(call, parents, ctx);
  if (loop === false) return null;
  const own = (op.oncePerObject ? stableExpression(call.arguments[0], ctx) : null) ?? fromCallArguments(call, op, words, ctx);
  if (own) return loop && !refersTo(own, loop.name) ? [own, loop.expr] : [own];
  const candidates: Candidate[] = [];
  let depth = 0;
  for (let i = parents.length - 1; i >= 0; i--) {
    const fn = parents[i];
    if (!FUNCTION_TYPES.has(fn.type)) continue;
    collectCandidates(fn, call, words, depth, candidates, loop ? loop.name : null, ctx);
    routeParamCandidates(fn, parents[i - 1], words, depth, candidates);
    depth++;
  }
  candidates.sort((a, b) => a.rank - b.rank || a.depth - b.depth);
  const best = candidates[0];
  if (best && loop) return [best.expr, loop.expr];
  if (best) return [best.expr];
  if (loop) return [loop.expr];
  return null;
}

function refersTo(expr: string, name: string): boolean {
  return expr === name || expr.startsWith(`${name}.`) || expr.startsWith(`${name}?.`);
}

/** A side-effect-free expression naming a value; `String(x)` / `x.toString()` / `` `${x}` `` give `x`. */
function stableExpression(e: AnyNode | null | undefined, ctx: Ctx): string | null {
  e = unwrap(e);
  if (!e) return null;
  switch (e.type) {
    case 'Identifier':
      return e.name;
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      if (e.computed || e.property.type !== 'Identifier') return null;
      const obj = unwrap(e.object);
      if (!obj || (obj.type !== 'ThisExpression' && !stableExpression(obj, ctx))) return null;
      const text = ctx.src.slice(e.start, e.end);
      return /[\r\n`]/.test(text) ? null : text;
    }
    case 'CallExpression': {
      if (e.callee.type === 'Identifier' && (e.callee.name === 'String' || e.callee.name === 'Number') && e.arguments.length === 1) {
        return stableExpression(e.arguments[0], ctx);
      }
      if (isMember(e.callee) && propName(e.callee) === 'toString' && e.arguments.length === 0) return stableExpression(e.callee.object, ctx);
      return null;
    }
    case 'TemplateLiteral':
      return e.expressions.length === 1 && e.quasis.every((q: AnyNode) => q.value.cooked === '') ? stableExpression(e.expressions[0], ctx) : null;
    default:
      return null;
  }
}

/** `metadata: { orderId: order.id }` or `client_reference_id: order.id` in the params literal. */
function fromCallArguments(call: AnyNode, op: StripeOperation, words: readonly string[], ctx: Ctx): string | null {
  const params = call.arguments[op.ids];
  if (params?.type !== 'ObjectExpression') return null;
  let best: { expr: string; rank: number } | null = null;
  let reference: string | null = null;
  for (const p of params.properties as AnyNode[]) {
    if (p.type !== 'ObjectProperty') continue;
    const name = keyName(p);
    if (name === 'client_reference_id') reference = stableExpression(p.value, ctx);
    if (name !== 'metadata' || p.value.type !== 'ObjectExpression') continue;
    for (const m of p.value.properties as AnyNode[]) {
      if (m.type !== 'ObjectProperty') continue;
      const k = keyName(m);
      const value = stableExpression(m.value, ctx);
      if (!k || !value) continue;
      const rank = idWordRank(k, words);
      if (rank >= 0 && (!best || rank < best.rank)) best = { expr: value, rank };
    }
  }
  return best ? best.expr : reference;
}

function patternNames(p: AnyNode | null | undefined, out: string[]): void {
  if (!p) return;
  if (p.type === 'Identifier') out.push(p.name);
  else if (p.type === 'AssignmentPattern') patternNames(p.left, out);
  else if (p.type === 'TSParameterProperty') patternNames(p.parameter, out);
  else if (p.type === 'ObjectPattern') {
    for (const prop of p.properties as AnyNode[]) patternNames(prop.type === 'RestElement' ? null : prop.value, out);
  } else if (p.type === 'ArrayPattern') for (const el of p.elements as AnyNode[]) patternNames(el, out);
}

/** `name.id` / `name._id` / `name.pk` / `name.uuid` used in the function: which attribute (preferred first). */
function idAttributeUsed(fn: AnyNode, name: string): string | null {
  let found: string | null = null;
  for (const n of descendants(fn)) {
    if (!isMember(n) || n.computed) continue;
    const obj = unwrap(n.object);
    const attr = propName(n);
    if (obj?.type === 'Identifier' && obj.name === name && attr && ID_ATTRIBUTES.includes(attr)) {
      if (!found || ID_ATTRIBUTES.indexOf(attr) < ID_ATTRIBUTES.indexOf(found)) found = attr;
    }
  }
  return found;
}

function collectCandidates(fn: AnyNode, call: AnyNode, words: readonly string[], depth: number, out: Candidate[], exclude: string | null, ctx: Ctx): void {
  const names: string[] = [];
  for (const p of fn.params as AnyNode[]) patternNames(p, names);
  const body = fn.body;
  for (const n of body ? descendants(body, true) : []) {
    if (n.type === 'VariableDeclarator' && n.end <= call.start) patternNames(n.id, names);
    // `req.params.orderId`, `req.body.booking_id`: a route value the handler already reads
    if (isMember(n) && !n.computed && n.end <= call.start) {
      const attr = propName(n);
      const obj = unwrap(n.object);
      if (attr && isMember(obj) && ['params', 'body', 'query'].includes(propName(obj!) ?? '') && unwrap(obj!.object)?.type === 'Identifier') {
        const rank = idWordRank(attr, words);
        const text = ctx.src.slice(n.start, n.end);
        if (rank >= 0 && !/[\r\n`]/.test(text)) out.push({ expr: text, rank, depth: depth + 0.5 });
      }
    }
  }
  rankNames(new Set(names), words, depth, exclude, (name) => idAttributeUsed(fn, name), out);
}

const ROUTE_METHODS = new Set(['post', 'put', 'patch', 'all', 'get', 'delete', 'use']);

/**
 * Express / Router handlers: `router.post('/orders/:orderId/pay', async (req, res) => ...)`
 * gives `req.params.orderId` whether or not the handler reads it yet.
 */
function routeParamCandidates(fn: AnyNode, parent: AnyNode | undefined, words: readonly string[], depth: number, out: Candidate[]): void {
  if (!parent || (parent.type !== 'CallExpression' && parent.type !== 'OptionalCallExpression') || !parent.arguments.includes(fn)) return;
  const callee = unwrap(parent.callee);
  if (!isMember(callee) || !ROUTE_METHODS.has(propName(callee!) ?? '')) return;
  const path = parent.arguments[0];
  const req = fn.params[0];
  if (path?.type !== 'StringLiteral' || req?.type !== 'Identifier') return;
  for (const m of (path.value as string).matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const rank = idWordRank(m[1], words);
    if (rank >= 0) out.push({ expr: `${req.name}.params.${m[1]}`, rank, depth: depth + 0.5 });
  }
}

/**
 * The call runs once per item of a loop or an array callback (`items.map(item => ...)`)
 * whose variable it uses: the key must tell the items apart. Returns that variable's
 * id, null when there is no such loop, false when the variable has no usable id.
 */
function loopIdentity(call: AnyNode, parents: AnyNode[], ctx: Ctx): { name: string; expr: string } | null | false {
  const used = new Set(descendants(call).filter((n) => n.type === 'Identifier').map((n) => n.name as string));
  for (let i = parents.length - 1; i >= 0; i--) {
    const p = parents[i];
    let vars: string[] = [];
    let scope: AnyNode = p;
    if (p.type === 'ForOfStatement' || p.type === 'ForInStatement') {
      patternNames(p.left.type === 'VariableDeclaration' ? p.left.declarations[0]?.id : p.left, vars);
    } else if (FUNCTION_TYPES.has(p.type)) {
      const parent = parents[i - 1];
      const isIteration =
        parent &&
        (parent.type === 'CallExpression' || parent.type === 'OptionalCallExpression') &&
        parent.arguments[0] === p &&
        isMember(unwrap(parent.callee)) &&
        ITERATION_METHODS.has(propName(unwrap(parent.callee)!) ?? '');
      if (!isIteration) return null; // a handler or helper function: loops outside it do not repeat this call
      patternNames(p.params[0], vars);
      scope = p;
    } else continue;
    vars = vars.filter((v) => used.has(v));
    for (const v of vars) {
      const attr = idAttributeUsed(scope, v);
      if (attr) return { name: v, expr: `${v}.${attr}` };
      if (/(^|_)(id|pk|uuid)$|[a-z](Id|Pk|Uuid)$/.test(v)) return { name: v, expr: v };
      void ctx;
      // an item of a business collection (`for (const payout of payouts)`): rows have an `id`
      if (objectWordRank(v, BUSINESS_WORDS) >= 0) return { name: v, expr: `${v}.id` };
      return false;
    }
  }
  return null;
}
