/**
 * Codemod: build a Stripe webhook event with `stripe.webhooks.constructEvent`
 * instead of trusting the request body.
 *
 * Express (and any `(req, res)` handler):
 *   const event = req.body;
 * becomes
 *   // Stripe signs the raw body: mount this route with express.raw({ type: "application/json" }), not express.json()
 *   const sig = req.headers["stripe-signature"];
 *   let event;
 *   try {
 *     event = stripe.webhooks.constructEvent(req.body, sig, process.env.STRIPE_WEBHOOK_SECRET);
 *   } catch (err) {
 *     return res.status(400).send("Invalid Stripe signature");
 *   }
 *
 * Next.js route handlers (`export async function POST(req)`, `await req.json()`):
 *   const payload = await req.text();
 *   const sig = req.headers.get("stripe-signature") ?? "";
 *   ... constructEvent(payload, sig, ...) ... catch { return new Response("Invalid Stripe signature", { status: 400 }); }
 *
 * The Stripe object is the file's own (`const stripe = new Stripe(key)`,
 * `require("stripe")(key)`, `import { stripe } from "@/lib/stripe"`), else the
 * static `Stripe.webhooks` of the imported class, else `import Stripe from "stripe"`
 * (or `require`) is added. Destructuring (`const { type, data } = req.body`) is
 * kept, from the verified event.
 *
 * Standard jscodeshift transform: `(file, api, options) => string | undefined`.
 * Standalone it finds every unverified handler itself; the engine passes
 * `options.range` (the event initializer it reported) to change one site.
 * The AST only locates sites; edits are spliced into the original text so the
 * file keeps its layout, quotes and line endings.
 */
import type { API, FileInfo, Options } from 'jscodeshift';

type AnyNode = { type: string; start: number; end: number; [k: string]: any };

interface Edit {
  at: number;
  end: number;
  text: string;
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod']);
const WRAPPERS = new Set(['AwaitExpression', 'TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'ParenthesizedExpression']);
/** Stripe event types, for the standalone search (the engine's detector has the full list). */
const STRIPE_TYPE_RE = /["'`](?:checkout\.session|payment_intent|invoice|customer|charge|setup_intent|subscription_schedule|payout|account|price|product|payment_method|refund|transfer|billing_portal|radar|identity|issuing_\w+|quote|mandate|source|plan|coupon|credit_note|promotion_code|tax_rate|topup|review|application_fee|person|file|capability|balance)\.[a-z_.*]+["'`]/;
const VERIFIED_RE = /constructEvent|verifyHeader|timingSafeEqual|verify\w*(Signature|Stripe|Webhook)|\w*Signature\w*\(/i;

function unwrap(n: AnyNode): AnyNode {
  while (n && WRAPPERS.has(n.type)) n = n.type === 'AwaitExpression' ? n.argument : n.expression;
  return n;
}

function isMember(n: AnyNode | null | undefined, obj: string, prop: string): boolean {
  return (
    !!n &&
    n.type === 'MemberExpression' &&
    !n.computed &&
    n.object?.type === 'Identifier' &&
    n.object.name === obj &&
    n.property?.type === 'Identifier' &&
    n.property.name === prop
  );
}

function lineIndent(src: string, at: number): string {
  let s = at;
  while (s > 0 && src[s - 1] !== '\n') s--;
  return /^[ \t]*/.exec(src.slice(s))![0];
}

function indentUnit(src: string): string {
  const m = /\n([ \t]+)\S/.exec(src);
  if (!m) return '  ';
  return m[1].startsWith('\t') ? '\t' : m[1].length <= 8 ? m[1] : '  ';
}

function quoteOf(src: string): string {
  const single = (src.match(/'/g) ?? []).length;
  const double = (src.match(/"/g) ?? []).length;
  return single > double ? "'" : '"';
}

interface StripeRef {
  expr: string;
  importEdit: Edit | null;
}

/** The file's Stripe object, else the class's static `webhooks`, else an added import. */
function stripeRef(j: API['jscodeshift'], root: ReturnType<API['jscodeshift']>, src: string, program: AnyNode, eol: string, q: string, semi: string): StripeRef {
  let cls: string | null = null;
  let instance: string | null = null;
  let helperInstance: string | null = null;
  const isRequireStripe = (n: AnyNode | null | undefined): boolean =>
    !!n && n.type === 'CallExpression' && n.callee?.type === 'Identifier' && n.callee.name === 'require' && n.arguments?.[0]?.value === 'stripe';
  for (const stmt of program.body as AnyNode[]) {
    if (stmt.type === 'ImportDeclaration') {
      const from = String(stmt.source?.value ?? '');
      for (const sp of stmt.specifiers ?? []) {
        const local = sp.local?.name as string | undefined;
        if (!local) continue;
        if (from === 'stripe') cls = cls ?? local;
        else if (/stripe/i.test(from) && /^stripe(Client)?$/i.test(local) && local[0] === local[0].toLowerCase()) helperInstance = helperInstance ?? local;
      }
    }
  }
  root.find(j.VariableDeclarator).forEach((p) => {
    const d = p.node as unknown as AnyNode;
    if (d.id?.type !== 'Identifier' || !d.init) return;
    // only module-level declarations are in scope of every handler
    const decl = p.parent?.node as AnyNode;
    if (p.parent?.parent?.node?.type !== 'Program' || decl?.type !== 'VariableDeclaration') return;
    const init = unwrap(d.init);
    if (isRequireStripe(init)) cls = cls ?? d.id.name;
    else if ((init.type === 'NewExpression' || init.type === 'CallExpression') && ((init.callee?.type === 'Identifier' && init.callee.name === cls) || isRequireStripe(init.callee))) {
      instance = instance ?? d.id.name;
    }
  });
  // a second pass: `const stripe = new Stripe(...)` may come before cls was known through require
  if (!instance && cls) {
    root.find(j.VariableDeclarator).forEach((p) => {
      const d = p.node as unknown as AnyNode;
      if (instance || d.id?.type !== 'Identifier' || !d.init || p.parent?.parent?.node?.type !== 'Program') return;
      const init = unwrap(d.init);
      if ((init.type === 'NewExpression' || init.type === 'CallExpression') && init.callee?.type === 'Identifier' && init.callee.name === cls) instance = d.id.name;
    });
  }
  if (instance) return { expr: instance, importEdit: null };
  if (helperInstance) return { expr: helperInstance, importEdit: null };
  if (cls) return { expr: cls, importEdit: null };
  // nothing in the file: add the class and use its static `webhooks`
  const body = program.body as AnyNode[];
  const esm = body.some((s) => s.type === 'ImportDeclaration' || s.type.startsWith('Export'));
  if (esm) {
    const last = [...body].reverse().find((s) => s.type === 'ImportDeclaration');
    const line = `import Stripe from ${q}stripe${q}${semi}`;
    return { expr: 'Stripe', importEdit: last ? { at: last.end, end: last.end, text: `${eol}${line}` } : { at: firstCodeOffset(src, body), end: firstCodeOffset(src, body), text: `${line}${eol}` } };
  }
  const lastRequire = [...body].reverse().find((s) => s.type === 'VariableDeclaration' && s.declarations?.some((d: AnyNode) => d.init && /^require\(/.test(src.slice(unwrap(d.init).start, unwrap(d.init).end))));
  const line = `const Stripe = require(${q}stripe${q})${semi}`;
  return {
    expr: 'Stripe',
    importEdit: lastRequire ? { at: lastRequire.end, end: lastRequire.end, text: `${eol}${line}` } : { at: firstCodeOffset(src, body), end: firstCodeOffset(src, body), text: `${line}${eol}` },
  };
}

/** Offset of the first statement after directives ("use strict") and leading comments. */
function firstCodeOffset(src: string, body: AnyNode[]): number {
  const first = body[0];
  return first ? lineStart(src, first.start) : 0;
}

function lineStart(src: string, at: number): number {
  let s = at;
  while (s > 0 && src[s - 1] !== '\n') s--;
  return s;
}

function enclosingFunction(path: any): any {
  let p = path.parent;
  while (p) {
    if (FUNCTION_TYPES.has(p.node.type)) return p;
    p = p.parent;
  }
  return null;
}

/** `app.post(path, express.raw(...), (req, res) => ...)`: the route already receives the raw body. */
function routeHasRawBody(fnPath: any, src: string): boolean {
  const call = fnPath?.parent?.node as AnyNode | undefined;
  if (call?.type !== 'CallExpression') return false;
  return (call.arguments as AnyNode[]).some((a) => a !== fnPath.node && /\braw\s*\(/.test(src.slice(a.start, a.end)));
}

function identifiersIn(n: AnyNode, out: Set<string>): void {
  if (!n || typeof n !== 'object') return;
  if (n.type === 'Identifier') out.add(n.name);
  for (const k of Object.keys(n)) {
    if (k === 'loc' || k === 'start' || k === 'end' || k === 'comments' || k === 'leadingComments' || k === 'trailingComments') continue;
    const v = (n as any)[k];
    if (Array.isArray(v)) v.forEach((x) => x && typeof x.type === 'string' && identifiersIn(x, out));
    else if (v && typeof v.type === 'string') identifiersIn(v, out);
  }
}

function fresh(used: Set<string>, ...names: string[]): string {
  for (const n of names) if (!used.has(n)) return n;
  let i = 2;
  while (used.has(`${names[0]}${i}`)) i++;
  return `${names[0]}${i}`;
}

export default function transformer(file: FileInfo, api: API, options: Options): string | undefined {
  const j = api.jscodeshift;
  const src = file.source;
  if (!options.range && !STRIPE_TYPE_RE.test(src)) return undefined;
  let root: ReturnType<typeof j>;
  try {
    root = j(src);
  } catch {
    return undefined;
  }
  const program = (root.find(j.Program).paths()[0]?.node ?? null) as unknown as AnyNode | null;
  if (!program) return undefined;
  const isTs = /\.[cm]?tsx?$/i.test(file.path);
  const eol = src.includes('\r\n') ? '\r\n' : '\n';
  const q = quoteOf(src);
  const unit = indentUnit(src);
  const pagesApi = /(^|[\\/])pages[\\/]api[\\/]/.test(file.path);
  const edits: Edit[] = [];
  let ref: StripeRef | null = null;
  const done = new Set<AnyNode>();

  root.find(j.VariableDeclaration).forEach((path) => {
    const decl = path.node as unknown as AnyNode;
    if (decl.declarations?.length !== 1) return;
    const d = decl.declarations[0] as AnyNode;
    if (!d.init) return;
    if (options.range && d.init.start !== (options.range as { start: number }).start) return;
    if ((path.parent?.node as AnyNode | undefined)?.type !== 'BlockStatement') return;
    const fnPath = enclosingFunction(path);
    const fn = fnPath?.node as AnyNode | undefined;
    if (!fn || done.has(fn)) return;
    const req = fn.params?.[0]?.type === 'Identifier' ? (fn.params[0].name as string) : null;
    const res = fn.params?.[1]?.type === 'Identifier' ? (fn.params[1].name as string) : null;
    if (!req) return;
    const fnText = src.slice(fn.start, fn.end);
    if (!options.range) {
      // standalone: only unverified handlers that branch on Stripe event types
      if (!STRIPE_TYPE_RE.test(fnText) || VERIFIED_RE.test(fnText) || !/\.type\b|\[\s*["']type["']\s*\]|\btype\b/.test(fnText)) return;
    }
    const init = unwrap(d.init);
    let style: 'express' | 'fetch' | null = null;
    let payload: string | null = null;
    let readBody: string | null = null;
    const used = new Set<string>();
    identifiersIn(fn, used);
    if (isMember(init, req, 'body')) {
      style = 'express';
      payload = `${req}.body`;
    } else if (init.type === 'CallExpression' && isMember(init.callee, req, 'json') && !init.arguments.length) {
      style = 'fetch';
      payload = fresh(used, 'payload', 'rawBody');
      readBody = `const ${payload} = await ${req}.text()`;
    } else if (init.type === 'CallExpression' && isMember(init.callee, 'JSON', 'parse') && init.arguments.length >= 1) {
      const argText = src.slice(init.arguments[0].start, init.arguments[0].end).replace(/\.toString\([^)]*\)$/, '');
      if (argText === `${req}.body`) {
        style = 'express';
        payload = argText;
      } else if (/^[A-Za-z_$][\w$]*$/.test(argText)) {
        // `const raw = await req.text(); const event = JSON.parse(raw)`
        const rawDecl = new RegExp(`\\b${argText}\\s*(?::[^=]+)?=\\s*await\\s+${req}\\.text\\(\\)`).test(fnText);
        const rawBody = new RegExp(`\\b${argText}\\s*(?::[^=]+)?=\\s*${req}\\.(body|rawBody)\\b`).test(fnText);
        if (rawDecl) style = 'fetch';
        else if (rawBody) style = 'express';
        payload = style ? argText : null;
      }
    }
    if (!style || !payload) return;
    if (style === 'express' && (!res || pagesApi)) return;
    done.add(fn);
    const semi = src.slice(decl.start, decl.end).trimEnd().endsWith(';') ? ';' : '';
    ref = ref ?? stripeRef(j, root, src, program, eol, q, semi);
    const indent = lineIndent(src, decl.start);
    if (src.slice(lineStart(src, decl.start), decl.start) !== indent) return; // not alone on its line
    const sig = fresh(used, 'sig', 'signature', 'stripeSignature');
    let eventName: string;
    let after: string | null = null;
    const typeAnn = d.id?.typeAnnotation ? src.slice(d.id.typeAnnotation.start, d.id.typeAnnotation.end) : '';
    if (d.id?.type === 'Identifier') eventName = d.id.name;
    else if (d.id?.type === 'ObjectPattern') {
      eventName = fresh(used, 'event', 'stripeEvent');
      after = `${decl.kind} ${src.slice(d.id.start, d.id.end)} = ${eventName}${semi}`;
    } else return;
    const cast = isTs ? ' as string' : '';
    const secret = `process.env.STRIPE_WEBHOOK_SECRET${cast}`;
    const lines: string[] = [];
    if (style === 'express') {
      if (!routeHasRawBody(fnPath, src)) lines.push(`// Stripe signs the raw body: mount this route with express.raw({ type: "application/json" }), not express.json()`);
      lines.push(`const ${sig} = ${req}.headers[${q}stripe-signature${q}]${cast}${semi}`);
    } else {
      if (readBody) lines.push(`${readBody}${semi}`);
      lines.push(`const ${sig} = ${req}.headers.get(${q}stripe-signature${q}) ?? ${q}${q}${semi}`);
    }
    lines.push(`let ${eventName}${d.id?.type === 'Identifier' ? typeAnn : ''}${semi}`);
    lines.push('try {');
    lines.push(`${unit}${eventName} = ${ref.expr}.webhooks.constructEvent(${payload}, ${sig}, ${secret})${semi}`);
    if (style === 'express') {
      lines.push("} catch {");
      lines.push(`${unit}return ${res}.status(400).send(${q}Invalid Stripe signature${q})${semi}`);
    } else {
      lines.push('} catch {');
      lines.push(`${unit}return new Response(${q}Invalid Stripe signature${q}, { status: 400 })${semi}`);
    }
    lines.push('}');
    if (after) lines.push(after);
    // a trailing comment on the declaration line stays with the line that builds the event
    const rest = /^[ \t]*\/\/[^\r\n]*/.exec(src.slice(decl.end));
    const tryLine = lines.findIndex((l) => l.includes('.webhooks.constructEvent('));
    if (rest) lines[tryLine] += rest[0];
    const end = decl.end + (rest ? rest[0].length : 0);
    const text = lines.map((l, i) => (i === 0 ? l : `${indent}${l}`)).join(eol);
    edits.push({ at: decl.start, end, text });
  });
  if (!edits.length) return undefined;
  if (ref && (ref as StripeRef).importEdit) edits.push((ref as StripeRef).importEdit!);
  edits.sort((a, b) => b.at - a.at);
  let out = src;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.end);
  return out === src ? undefined : out;
}

