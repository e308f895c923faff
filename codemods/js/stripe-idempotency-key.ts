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
 * it uses also gets that variable's id. A part is used only when it holds a value
 * on every path to the call: not an optional parameter (`x?: string`,
 * `x: T | undefined`, a default), not `a?.id`, not declared or assigned in some
 * branches only, not from `.find()` / `.get()` / a request body, not a name the
 * function itself tests for a missing value (`!x`, `x ?? d`, `x!`) unless that
 * test returns or throws before the call. Confirm and pay also key on the
 * `payment_method` passed (a declined attempt is retried with another card).
 *
 * With no such id the site needs input: standalone, the transform leaves it and
 * reports it (`api.report`); the engine asks for the unfinished key
 * `` `<op>-${TODO_STABLE_ID}` `` (`options.needsInput` callback), which only the
 * editor's quick fix inserts, as a snippet. Never a random key.
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
  NO_STABLE_ID,
  PER_CARD_CHANGE,
  RETRIED_WITH,
  VARYING_INPUT,
  PLACEHOLDER,
  idWordRank,
  rankNames,
  jsOperation,
  objectWordRank,
  wordsFor,
  type KeyCandidate,
  type KeyDerivation,
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
  // the engine passes a callback: it then gets the unfinished key for the editor, and why
  const onNeedsInput = typeof options.needsInput === 'function' ? (options.needsInput as (d: KeyDerivation) => void) : null;
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
    const derived = deriveKeyParts(node, parents, op, ctx);
    if ('needsInput' in derived) {
      if (!onNeedsInput) {
        const line = src.slice(0, node.start).split('\n').length;
        api.report(`${file.path}:${line}: needs input (${derived.needsInput}${derived.refused ? `: ${derived.refused}` : ''}); not changed`);
        return;
      }
      onNeedsInput(derived);
    }
    const edit = keyEdit(node, op, 'parts' in derived ? derived.parts : null, ctx);
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

/** The edit adding the key made of `parts`, or the unfinished `TODO_STABLE_ID` key when null. */
function keyEdit(call: AnyNode, op: StripeOperation, parts: string[] | null, ctx: Ctx): Edit | null {
  const args = call.arguments as AnyNode[];
  if (args.length < op.ids) return null;
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

function deriveKeyParts(call: AnyNode, parents: AnyNode[], op: StripeOperation, ctx: Ctx): KeyDerivation {
  const words = wordsFor(op);
  const refused: string[] = [];
  if (op.label === 'checkout-session') {
    const params = unwrap(call.arguments[op.ids]);
    const mode = params?.type === 'ObjectExpression' ? (params.properties as AnyNode[]).find((p) => p.type === 'ObjectProperty' && keyName(p) === 'mode') : null;
    if (mode && unwrap(mode.value)?.type === 'StringLiteral' && unwrap(mode.value)!.value === 'setup') return { needsInput: PER_CARD_CHANGE };
  }
  const loop = loopIdentity(call, parents, ctx);
  if (loop === false) return { needsInput: NO_STABLE_ID };
  const own = (op.oncePerObject ? definedExpression(call.arguments[0], call, parents, ctx, refused) : null) ?? fromCallArguments(call, parents, op, words, ctx, refused);
  if (own) return withVaryingInputs(call, parents, op, loop && !refersTo(own, loop.name) ? [own, loop.expr] : [own], ctx, refused);
  const candidates: Candidate[] = [];
  let depth = 0;
  for (let i = parents.length - 1; i >= 0; i--) {
    const fn = parents[i];
    if (!FUNCTION_TYPES.has(fn.type)) continue;
    collectCandidates(fn, call, parents, words, depth, candidates, loop ? loop.name : null, ctx, refused);
    routeParamCandidates(fn, parents[i - 1], words, depth, candidates);
    depth++;
  }
  candidates.sort((a, b) => a.rank - b.rank || a.depth - b.depth);
  const best = candidates[0];
  const parts = best ? (loop ? [best.expr, loop.expr] : [best.expr]) : loop ? [loop.expr] : null;
  if (!parts) return { needsInput: NO_STABLE_ID, refused: refused[0] };
  return withVaryingInputs(call, parents, op, parts, ctx, refused);
}

/**
 * Confirm / pay: a declined attempt is retried with another payment method, and that
 * retry must not get the first answer back. The key also holds the payment method
 * passed; with none passed (attached elsewhere, it may change), nobody can tell the
 * attempts apart from here.
 */
function withVaryingInputs(call: AnyNode, parents: AnyNode[], op: StripeOperation, parts: string[], ctx: Ctx, refused: string[]): KeyDerivation {
  const params = unwrap(call.arguments[op.ids]);
  const props = params?.type === 'ObjectExpression' ? (params.properties as AnyNode[]).filter((p) => p.type === 'ObjectProperty') : [];
  // `paymentIntents.create({ ..., confirm: true, payment_method: pm })` is an attempt too
  const confirms = op.confirmable && props.some((p) => keyName(p) === 'confirm' && unwrap(p.value)?.type === 'BooleanLiteral' && p.value.value === true);
  const varies = op.varies ?? (confirms ? RETRIED_WITH : null);
  if (!varies) return { parts };
  for (const p of props) {
    if (!varies.includes(keyName(p) ?? '')) continue;
    const expr = definedExpression(p.value, call, parents, ctx, refused);
    return expr ? { parts: [...parts, expr] } : { needsInput: VARYING_INPUT, refused: refused[refused.length - 1] };
  }
  if (!op.varies) return { parts }; // a create that confirms with the customer's default method
  return { needsInput: VARYING_INPUT, refused: 'no payment method is passed to this call' };
}

function refersTo(expr: string, name: string): boolean {
  return expr === name || expr.startsWith(`${name}.`) || expr.startsWith(`${name}?.`);
}

/** A side-effect-free expression naming a value; `String(x)` / `x.toString()` / `` `${x}` `` give `x`. No `?.`: that may be undefined. */
function stableExpression(e: AnyNode | null | undefined, ctx: Ctx): string | null {
  e = unwrap(e);
  if (!e) return null;
  switch (e.type) {
    case 'Identifier':
      return e.name;
    case 'MemberExpression': {
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

/** The root identifier of a member chain / `String(x)` wrapper, or null (`this.x`, a call). */
function rootName(e: AnyNode | null | undefined): string | null {
  e = unwrap(e);
  while (e && (isMember(e) || e.type === 'CallExpression' || e.type === 'TemplateLiteral')) {
    if (e.type === 'CallExpression') e = unwrap(isMember(e.callee) && propName(e.callee) === 'toString' ? e.callee.object : e.arguments[0]);
    else if (e.type === 'TemplateLiteral') e = unwrap(e.expressions[0]);
    else e = unwrap(e.object);
  }
  return e?.type === 'Identifier' ? e.name : null;
}

/** `stableExpression`, and only when it holds a value on every path to `call` (else the reason goes to `refused`). */
function definedExpression(e: AnyNode | null | undefined, call: AnyNode, parents: AnyNode[], ctx: Ctx, refused: string[]): string | null {
  const u = unwrap(e);
  if (u && isMember(u) && hasOptionalChain(u)) {
    refused.push(`\`${ctx.src.slice(u.start, u.end)}\` may be undefined (optional chaining)`);
    return null;
  }
  const expr = stableExpression(e, ctx);
  if (!expr) return null;
  const why = requestInput(u) ?? (rootName(e) ? missingAt(call, parents, rootName(e)!, expr, ctx) : null);
  if (why) {
    refused.push(why);
    return null;
  }
  return expr;
}

function hasOptionalChain(e: AnyNode | null): boolean {
  for (let cur = unwrap(e); cur && (isMember(cur) || cur.type === 'OptionalCallExpression' || cur.type === 'CallExpression'); cur = unwrap(cur.object ?? cur.callee)) {
    if (cur.type === 'OptionalMemberExpression' || cur.type === 'OptionalCallExpression' || cur.optional) return true;
  }
  return false;
}

/** `req.body.orderId` / `req.query.orderId`: what the client sent, which may leave it out. */
function requestInput(e: AnyNode | null): string | null {
  if (!e || !isMember(e)) return null;
  const obj = unwrap(e.object);
  if (!isMember(obj) || !['body', 'query'].includes(propName(obj!) ?? '') || unwrap(obj!.object)?.type !== 'Identifier') return null;
  return `\`${unwrap(obj!.object)!.name}.${propName(obj!)}.${propName(e)}\` may be absent from the request`;
}

/** `metadata: { orderId: order.id }` or `client_reference_id: order.id` in the params literal. */
function fromCallArguments(call: AnyNode, parents: AnyNode[], op: StripeOperation, words: readonly string[], ctx: Ctx, refused: string[]): string | null {
  const params = call.arguments[op.ids];
  if (params?.type !== 'ObjectExpression') return null;
  let best: { expr: string; rank: number } | null = null;
  let reference: string | null = null;
  for (const p of params.properties as AnyNode[]) {
    if (p.type !== 'ObjectProperty') continue;
    const name = keyName(p);
    if (name === 'client_reference_id') reference = definedExpression(p.value, call, parents, ctx, refused);
    if (name !== 'metadata' || p.value.type !== 'ObjectExpression') continue;
    for (const m of p.value.properties as AnyNode[]) {
      if (m.type !== 'ObjectProperty') continue;
      const k = keyName(m);
      if (!k) continue;
      const rank = idWordRank(k, words);
      if (rank < 0 || (best && rank >= best.rank)) continue;
      const value = definedExpression(m.value, call, parents, ctx, refused);
      if (value) best = { expr: value, rank };
    }
  }
  // a reference is often the payer (`user.email`), who buys many times: only one naming a purchase
  return best ? best.expr : reference && namesBusinessObject(reference, words) ? reference : null;
}

/** `order.id`, `String(cart._id)`, `orderId`, `this.booking.uuid`: a value whose name is one of `words`. */
function namesBusinessObject(expr: string, words: readonly string[]): boolean {
  const inner = /^[A-Za-z_$][\w$]*\((.*)\)$/.exec(expr)?.[1] ?? expr;
  const path = inner.split('.');
  if (!path.every((p) => /^[A-Za-z_$][\w$]*$/.test(p))) return false;
  const last = path[path.length - 1];
  if (idWordRank(last, words) >= 0) return true;
  return path.length >= 2 && ID_ATTRIBUTES.includes(last) && objectWordRank(path[path.length - 2], words) >= 0;
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

function collectCandidates(
  fn: AnyNode,
  call: AnyNode,
  parents: AnyNode[],
  words: readonly string[],
  depth: number,
  out: Candidate[],
  exclude: string | null,
  ctx: Ctx,
  refused: string[],
): void {
  const names: string[] = [];
  for (const p of fn.params as AnyNode[]) patternNames(p, names);
  const body = fn.body;
  for (const n of body ? descendants(body, true) : []) {
    if (n.type === 'VariableDeclarator' && n.end <= call.start) patternNames(n.id, names);
    // `req.params.orderId`: a route value the handler already reads (a body or query field may be absent)
    if (isMember(n) && !n.computed && n.end <= call.start) {
      const attr = propName(n);
      const obj = unwrap(n.object);
      if (attr && isMember(obj) && propName(obj!) === 'params' && unwrap(obj!.object)?.type === 'Identifier' && !hasOptionalChain(n)) {
        const rank = idWordRank(attr, words);
        const text = ctx.src.slice(n.start, n.end);
        if (rank >= 0 && !/[\r\n`]/.test(text)) out.push({ expr: text, rank, depth: depth + 0.5 });
      }
    }
  }
  const ranked: Candidate[] = [];
  rankNames(new Set(names), words, depth, exclude, (name) => idAttributeUsed(fn, name), ranked);
  for (const c of ranked) {
    const why = missingAt(call, parents, /^[\w$]+/.exec(c.expr)![0], c.expr, ctx);
    if (why) refused.push(why);
    else out.push(c);
  }
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
  // `:orderId?` is an optional route parameter: absent on some requests
  for (const m of (path.value as string).matchAll(/:([A-Za-z_][A-Za-z0-9_]*)(\??)/g)) {
    const rank = idWordRank(m[1], words);
    if (rank >= 0 && !m[2]) out.push({ expr: `${req.name}.params.${m[1]}`, rank, depth: depth + 0.5 });
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

// ---------------------------------------------------------------------------
// Definedness: a key part must hold a value on every path to the call
//
// Intraprocedural and syntactic: parameters (`x?:`, `T | undefined`, defaults),
// declarations (in scope, assigned on every path, from what), and what the
// function itself tests (`!x`, `x ?? d`, `x?.y`, `x!`). Type annotations are read
// as written; no type checker.

/**
 * Why `name` (the root of key part `expr`) may be missing when `call` runs, or null
 * when it holds a value on every path. `name` is looked up in the innermost
 * enclosing function that binds it; other names (module constants) are accepted.
 */
function missingAt(call: AnyNode, parents: AnyNode[], name: string, expr: string, ctx: Ctx): string | null {
  let at: AnyNode = call;
  for (let i = parents.length - 1; i >= 0; at = parents[i], i--) {
    const fn = parents[i];
    if (!FUNCTION_TYPES.has(fn.type)) continue;
    const path = [...parents.slice(i), call]; // fn ... call
    const param = (fn.params as AnyNode[]).find((p) => {
      const names: string[] = [];
      patternNames(p, names);
      return names.includes(name);
    });
    const decls = param ? [] : declaratorsOf(fn, name, call.start);
    if (!param && !decls.length) continue;
    const subjects = new Set([name, expr]);
    const settled = guards(path, subjects, ctx);
    if (settled.length) return null;
    // `cart.lines` evaluated before the call throws on null / undefined: past it, `cart` holds a value
    const used = dereferencedBefore(path, name);
    // ...but not that its property is set: `if (order.id)` elsewhere still says it may not be
    const propTested = (): string | null => (expr !== name ? testedForMissing(fn, new Set([expr]), ctx) : null);
    if (param) {
      const declared = paramMissing(param, name);
      if (declared && !(used && !declared.includes('shared'))) return declared;
      if (used) return propTested();
    } else if (used) {
      return declaratorMissing(inScopeDecl(decls, path)?.declarator, name, ctx, true) ?? propTested();
    } else {
      const d = inScopeDecl(decls, path);
      if (!d) return `\`${name}\` is declared in another block`;
      const declared = declaratorMissing(d.declarator, name, ctx);
      if (declared) return declared;
      if (!d.declarator.init && !assignedOnEveryPath(path, d, name)) return `\`${name}\` is assigned only on some paths to the call`;
    }
    return testedForMissing(fn, subjects, ctx);
  }
  return null;
}

interface Decl {
  declarator: AnyNode;
  /** VariableDeclaration kind: `var` is function scoped. */
  kind: string;
  /** The block (or Program / function) whose statements hold the declaration. */
  block: AnyNode | null;
}

/** Declarators binding `name` in the function (not nested functions), before `before`. */
function declaratorsOf(fn: AnyNode, name: string, before: number): Decl[] {
  const out: Decl[] = [];
  if (!fn.body) return out;
  walk(fn.body, [], (n, ps) => {
    if (n.type !== 'VariableDeclaration' || n.end > before) return;
    if (ps.slice(1).some((p) => FUNCTION_TYPES.has(p.type))) return;
    for (const d of n.declarations as AnyNode[]) {
      const names: string[] = [];
      patternNames(d.id, names);
      if (names.includes(name)) out.push({ declarator: d, kind: n.kind, block: ps[ps.length - 1] ?? fn.body });
    }
  });
  return out;
}

/** The last declaration whose scope reaches the call. */
function inScopeDecl(decls: Decl[], path: AnyNode[]): Decl | null {
  const inScope = decls.filter((d) => declaredAround(d, path));
  return inScope.length ? inScope[inScope.length - 1] : null;
}

/**
 * Is `name.x` read on every path before the call runs: in the call's own arguments,
 * or in a plain statement before it in a block around it (not under `?:`, `&&` /
 * `||` / `??`, `?.` or a nested function)? `path` runs from the function to the call.
 */
function dereferencedBefore(path: AnyNode[], name: string): boolean {
  const reads = (root: AnyNode): boolean => {
    let found = false;
    walk(root, [], (n, ps) => {
      if (found || n.type !== 'MemberExpression' || unwrap(n.object)?.type !== 'Identifier' || unwrap(n.object)!.name !== name) return;
      if (ps.some((p) => CONDITIONAL.has(p.type) || (p.type === 'LogicalExpression' && p.left !== n && !ps.includes(p.left)))) return;
      found = true;
    });
    return found;
  };
  const call = path[path.length - 1];
  if ((call.arguments as AnyNode[]).some((a) => reads(a))) return true;
  for (let k = path.length - 2; k >= 0; k--) {
    const block = path[k];
    if (FUNCTION_TYPES.has(block.type)) break;
    const body: AnyNode[] | null = block.type === 'BlockStatement' || block.type === 'Program' ? block.body : block.type === 'SwitchCase' ? block.consequent : null;
    for (const s of body ?? []) {
      if (s.start >= path[k + 1].start) break;
      if ((s.type === 'ExpressionStatement' || s.type === 'VariableDeclaration') && reads(s)) return true;
    }
  }
  return false;
}

const CONDITIONAL = new Set(['ConditionalExpression', 'IfStatement', 'OptionalMemberExpression', 'OptionalCallExpression', ...FUNCTION_TYPES]);

/** Is the declaration in a block the call is inside (its scope reaches the call on every path)? */
function declaredAround(d: Decl, path: AnyNode[]): boolean {
  return !!d.block && path.includes(d.block) && BLOCK_TYPES.has(d.block.type);
}

/** Where a declaration reaches every statement after it: blocks, and loop heads for their body. */
const BLOCK_TYPES = new Set(['BlockStatement', 'Program', 'SwitchCase', 'StaticBlock', 'ForOfStatement', 'ForInStatement', 'ForStatement']);

function typeMayBeMissing(annotation: AnyNode | null | undefined): boolean {
  const t = annotation?.type === 'TSTypeAnnotation' ? annotation.typeAnnotation : annotation;
  if (!t) return false;
  if (t.type === 'TSUndefinedKeyword' || t.type === 'TSNullKeyword' || t.type === 'TSVoidKeyword') return true;
  if (t.type === 'TSUnionType') return (t.types as AnyNode[]).some((x) => typeMayBeMissing(x));
  if (t.type === 'TSParenthesizedType') return typeMayBeMissing(t.typeAnnotation);
  return false;
}

/** `x?: T`, `x: T | undefined`, `x = default`, and the same inside a destructured parameter's type literal. */
function paramMissing(p: AnyNode, name: string): string | null {
  if (p.type === 'TSParameterProperty') return paramMissing(p.parameter, name);
  if (p.type === 'AssignmentPattern' && p.left.type === 'Identifier' && p.left.name === name) return defaultReason(name, p.right);
  const target = p.type === 'AssignmentPattern' ? p.left : p;
  if (target.type === 'Identifier') {
    if (target.optional) return `\`${name}\` is an optional parameter`;
    return typeMayBeMissing(target.typeAnnotation) ? `\`${name}\` may be undefined (its type says so)` : null;
  }
  if (target.type === 'ObjectPattern') {
    const prop = patternProperty(target, name);
    if (prop?.value.type === 'AssignmentPattern') return defaultReason(name, prop.value.right);
    const literal = target.typeAnnotation?.typeAnnotation;
    if (prop && literal?.type === 'TSTypeLiteral') {
      const key = keyName(prop);
      const member = (literal.members as AnyNode[]).find((m) => m.type === 'TSPropertySignature' && keyName(m) === key);
      if (member?.optional) return `\`${name}\` is optional in the parameter's type`;
      if (member && typeMayBeMissing(member.typeAnnotation)) return `\`${name}\` may be undefined (its type says so)`;
    }
  }
  return null;
}

function defaultReason(name: string, value: AnyNode): string {
  const v = unwrap(value);
  if ((v?.type === 'Identifier' && v.name === 'undefined') || v?.type === 'NullLiteral') return `\`${name}\` defaults to ${v.type === 'NullLiteral' ? 'null' : 'undefined'}`;
  return `\`${name}\` has a default shared by every caller that omits it`;
}

/** The property of a (possibly nested) object pattern that binds `name`. */
function patternProperty(pattern: AnyNode, name: string): AnyNode | null {
  for (const prop of pattern.properties as AnyNode[]) {
    if (prop.type !== 'ObjectProperty') continue;
    const v = prop.value.type === 'AssignmentPattern' ? prop.value.left : prop.value;
    if (v.type === 'Identifier' && v.name === name) return prop;
    if (v.type === 'ObjectPattern') {
      const inner = patternProperty(v, name);
      if (inner) return inner;
    }
  }
  return null;
}

/** A declaration whose value may be missing: `= a?.b`, `= map.get(k)`, `= undefined`, a destructuring default, `: T | undefined`. */
function declaratorMissing(d: AnyNode | undefined, name: string, ctx: Ctx, sharedOnly = false): string | null {
  if (!d) return null;
  if (d.id.type === 'ObjectPattern') {
    const prop = patternProperty(d.id, name);
    if (prop?.value.type === 'AssignmentPattern') {
      const why = defaultReason(name, prop.value.right);
      if (!sharedOnly || why.includes('shared')) return why;
    }
  }
  if (sharedOnly) return null;
  if (d.id.type === 'Identifier' && typeMayBeMissing(d.id.typeAnnotation)) return `\`${name}\` may be undefined (its type says so)`;
  if (!d.init) return null;
  const init = d.init.type === 'AwaitExpression' ? d.init.argument : d.init;
  if (mayBeUndefined(init)) {
    const text = ctx.src.slice(init.start, init.end).replace(/\s+/g, ' ');
    return `\`${name}\` may be undefined (from \`${text.length > 40 ? `${text.slice(0, 37)}...` : text}\`)`;
  }
  return null;
}

const MISSING_METHODS = new Set(['find', 'findLast', 'get', 'getItem', 'findOne', 'findFirst', 'findUnique', 'findById', 'match', 'exec', 'pop', 'shift', 'at']);

function mayBeUndefined(e: AnyNode | null | undefined): boolean {
  if (!e) return false;
  if (e.type === 'TSNonNullExpression') return false; // the author asserts it; a `!` on a name is read where it is used
  e = unwrap(e);
  if (!e) return false;
  switch (e.type) {
    case 'Identifier':
      return e.name === 'undefined';
    case 'NullLiteral':
      return true;
    case 'ConditionalExpression':
      return mayBeUndefined(e.consequent) || mayBeUndefined(e.alternate);
    case 'LogicalExpression':
      return e.operator === '&&' || mayBeUndefined(e.right);
    case 'OptionalMemberExpression':
    case 'OptionalCallExpression':
      return true;
    case 'MemberExpression':
      return hasOptionalChain(e) || !!requestInput(e);
    case 'CallExpression':
      return isMember(unwrap(e.callee)) && MISSING_METHODS.has(propName(unwrap(e.callee)!) ?? '');
    default:
      return false;
  }
}

/** Does a statement end by leaving the function (return / throw)? */
function exits(s: AnyNode | null | undefined): boolean {
  if (!s) return false;
  if (s.type === 'ReturnStatement' || s.type === 'ThrowStatement') return true;
  if (s.type === 'BlockStatement') return exits(s.body[s.body.length - 1]);
  return false;
}

/** Does the statement assign `name` on every path through it that goes on? */
function assigns(s: AnyNode | null | undefined, name: string): boolean {
  if (!s) return false;
  switch (s.type) {
    case 'ExpressionStatement': {
      const e = unwrap(s.expression);
      return e?.type === 'AssignmentExpression' && e.operator === '=' && e.left.type === 'Identifier' && e.left.name === name;
    }
    case 'BlockStatement':
      return (s.body as AnyNode[]).some((x) => assigns(x, name));
    case 'IfStatement':
      return !!s.alternate && (assigns(s.consequent, name) || exits(s.consequent)) && (assigns(s.alternate, name) || exits(s.alternate));
    case 'TryStatement':
      return (
        assigns(s.finalizer, name) ||
        (assigns(s.block, name) && (!s.handler || assigns(s.handler.body, name) || exits(s.handler.body)))
      );
    default:
      return false;
  }
}

/** `let x;` then assigned on every path before the call. */
function assignedOnEveryPath(path: AnyNode[], d: Decl, name: string): boolean {
  for (let k = path.length - 2; k >= 0; k--) {
    const block = path[k];
    const child = path[k + 1];
    const body: AnyNode[] | null = block.type === 'BlockStatement' || block.type === 'Program' ? block.body : block.type === 'SwitchCase' ? block.consequent : null;
    if (!body) continue;
    for (const s of body) {
      if (s.start >= child.start) break;
      if (s.start >= d.declarator.end && assigns(s, name)) return true;
    }
    if (block === d.block) break;
  }
  return false;
}

function isSubject(e: AnyNode | null, subjects: Set<string>, ctx?: Ctx): boolean {
  e = unwrap(e);
  if (!e) return false;
  if (e.type === 'Identifier') return subjects.has(e.name);
  if (isMember(e) && ctx) return subjects.has(ctx.src.slice(e.start, e.end));
  return false;
}

function isNullish(e: AnyNode | null): boolean {
  e = unwrap(e);
  return !!e && (e.type === 'NullLiteral' || (e.type === 'Identifier' && e.name === 'undefined') || (e.type === 'StringLiteral' && e.value === 'undefined'));
}

/** `!x`, `x == null`, `x === undefined`, `typeof x === 'undefined'`, `!x || ...`: true when the subject is missing. */
function missingTest(e: AnyNode | null, subjects: Set<string>, ctx: Ctx): boolean {
  e = unwrap(e);
  if (!e) return false;
  if (e.type === 'UnaryExpression' && e.operator === '!') return presentTest(e.argument, subjects, ctx);
  if (e.type === 'LogicalExpression' && e.operator === '||') return missingTest(e.left, subjects, ctx) || missingTest(e.right, subjects, ctx);
  if (e.type === 'BinaryExpression' && (e.operator === '==' || e.operator === '===')) return comparesToNullish(e, subjects, ctx);
  return false;
}

/** `x`, `x != null`, `x && ...`: true when the subject holds a value. */
function presentTest(e: AnyNode | null, subjects: Set<string>, ctx: Ctx): boolean {
  e = unwrap(e);
  if (!e) return false;
  if (isSubject(e, subjects, ctx)) return true;
  if (e.type === 'UnaryExpression' && e.operator === '!') return missingTest(e.argument, subjects, ctx);
  if (e.type === 'LogicalExpression' && e.operator === '&&') return presentTest(e.left, subjects, ctx) || presentTest(e.right, subjects, ctx);
  if (e.type === 'BinaryExpression' && (e.operator === '!=' || e.operator === '!==')) return comparesToNullish(e, subjects, ctx);
  return false;
}

function comparesToNullish(e: AnyNode, subjects: Set<string>, ctx: Ctx): boolean {
  const side = (x: AnyNode): boolean => isSubject(x, subjects, ctx) || (unwrap(x)?.type === 'UnaryExpression' && unwrap(x)!.operator === 'typeof' && isSubject(unwrap(x)!.argument, subjects, ctx));
  return (side(e.left) && isNullish(e.right)) || (side(e.right) && isNullish(e.left));
}

/**
 * Checks that settle the subject's presence before the call: `if (!x) return/throw`
 * (or `if (!x) x = ...`) earlier in a block around the call, or the call inside
 * `if (x)` / `x ? call : ...`. `path` runs from the function to the call.
 */
function guards(path: AnyNode[], subjects: Set<string>, c: Ctx): AnyNode[] {
  const out: AnyNode[] = [];
  for (let k = 0; k < path.length - 1; k++) {
    const block = path[k];
    const child = path[k + 1];
    const body: AnyNode[] | null = block.type === 'BlockStatement' || block.type === 'Program' ? block.body : block.type === 'SwitchCase' ? block.consequent : null;
    for (const s of body ?? []) {
      if (s.start >= child.start) break;
      if (s.type === 'IfStatement' && missingTest(s.test, subjects, c) && (exits(s.consequent) || [...subjects].some((n) => assigns(s.consequent, n)))) out.push(s.test);
    }
    if ((block.type === 'IfStatement' || block.type === 'ConditionalExpression') && child === block.consequent && presentTest(block.test, subjects, c)) out.push(block.test);
  }
  return out;
}

/**
 * Does the function treat the subject as possibly missing anywhere (`!x`, `x ?? d`,
 * `x || d`, `if (x)`, `x ? a : b`, `x == null`, `x?.y`, `x!`), outside the checks that
 * settle it? The code itself then says the value can be missing. Returns the reason.
 */
function testedForMissing(fn: AnyNode, subjects: Set<string>, ctx: Ctx): string | null {
  let found: string | null = null;
  walk(fn.body, [], (n, ps) => {
    if (found || !isSubject(n, subjects, ctx)) return;
    if (ps.some((p) => FUNCTION_TYPES.has(p.type))) return;
    const why = testPosition(n, ps);
    if (why) found = `\`${ctx.src.slice(n.start, n.end)}\` ${why}`;
  });
  return found;
}

/** How the context looks at a node's presence, or null when it just uses the value. */
function testPosition(n: AnyNode, ps: AnyNode[]): string | null {
  let cur = n;
  for (let k = ps.length - 1; k >= 0; cur = ps[k], k--) {
    const p = ps[k];
    switch (p.type) {
      case 'TSNonNullExpression':
        return 'is asserted non-null (`!`): its type allows undefined';
      case 'ParenthesizedExpression':
      case 'TSAsExpression':
        continue;
      case 'OptionalMemberExpression':
      case 'OptionalCallExpression':
        return p.object === cur || p.callee === cur ? 'is used with `?.`, so it may be undefined' : null;
      case 'UnaryExpression':
        return p.operator === '!' || p.operator === 'typeof' ? 'is checked for a missing value' : null;
      case 'BinaryExpression':
        return isNullish(p.left) || isNullish(p.right) ? 'is checked for a missing value' : null;
      case 'LogicalExpression':
        if (p.left === cur) return 'is checked for a missing value';
        continue; // `a || x`: tested only when the whole is
      case 'IfStatement':
      case 'WhileStatement':
      case 'ConditionalExpression':
        return p.test === cur ? 'is checked for a missing value' : null;
      default:
        return null;
    }
  }
  return null;
}
