/**
 * Codemod: build a Stripe webhook event with `stripe.Webhook.construct_event`
 * instead of trusting the request body.
 *
 *   event = json.loads(request.body)
 * becomes (Django; Flask reads `request.get_data()` and `request.headers`)
 *   sig_header = request.META.get("HTTP_STRIPE_SIGNATURE", "")
 *   try:
 *       event = stripe.Webhook.construct_event(request.body, sig_header, os.environ["STRIPE_WEBHOOK_SECRET"])
 *   except (ValueError, stripe.error.SignatureVerificationError):
 *       return HttpResponse(status=400)
 *
 * It reuses what the function already has (a local holding the raw body or the
 * signature header, a module-level webhook secret, `settings.STRIPE_WEBHOOK_SECRET`,
 * the file's name for `stripe`, DRF's `Response`) and adds the imports it needs.
 * Edit builder over the tree-sitter tree; keeps indentation, quotes and line endings.
 */
import type { Node } from '../../server/src/lang/python/tree';
import { projectTextMatch } from '../../server/src/lang/endpoints/model';
import type { Fix } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import type { PyBindings } from '../../server/src/lang/python/bindings';
import { detectEol } from '../../server/src/text/positions';
import { indentAt, indentUnit, parameterNames, preferredQuote } from '../../server/src/lang/python/ast';
import { ensureFromImport, ensureImport } from '../../server/src/lang/python/edits';

export interface PyWebhookSite {
  /** The handler function. */
  fn: Node;
  /** The `event = <built from the request>` assignment node. */
  stmt: Node;
  /** The local the event is assigned to. */
  eventName: string;
}

type Framework = { kind: 'django'; request: string; drfResponse: string | null } | { kind: 'flask'; request: string };

const NESTED = new Set(['function_definition', 'lambda', 'class_definition']);

function localNames(fn: Node): Set<string> {
  const out = new Set<string>();
  const stack: Node[] = [fn];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'identifier') out.add(n.text);
    for (const c of n.namedChildren) if (c && (c === fn.childForFieldName('body') || !NESTED.has(c.type))) stack.push(c);
  }
  return out;
}

function localFor(b: PyBindings, qname: string): string | null {
  for (const [local, q] of b.imports) if (q === qname) return local;
  return null;
}

function framework(fn: Node, b: PyBindings): Framework | null {
  const params = parameterNames(fn);
  const qnames = [...b.imports.values()];
  const django = qnames.some((q) => q.startsWith('django') || q.startsWith('rest_framework'));
  const reqParam = params.find((p) => p === 'request' || p === 'req');
  if (reqParam && django) {
    const inClass = fn.parent?.type === 'block' || fn.parent?.parent?.type === 'block';
    return { kind: 'django', request: reqParam, drfResponse: inClass ? localFor(b, 'rest_framework.response.Response') : null };
  }
  if (!reqParam && params[0] === 'self' && django && /\bself\.request\./.test(fn.text)) {
    return { kind: 'django', request: 'self.request', drfResponse: localFor(b, 'rest_framework.response.Response') };
  }
  const flask = localFor(b, 'flask.request');
  if (flask && !params.includes(flask)) return { kind: 'flask', request: flask };
  return null;
}

/** Assignments `name = value` in the function body before `before`, not in nested scopes. */
function assignmentsBefore(fn: Node, before: number): Array<{ name: string; value: Node }> {
  const out: Array<{ name: string; value: Node }> = [];
  const body = fn.childForFieldName('body');
  if (!body) return out;
  const stack: Node[] = [body];
  while (stack.length) {
    const n = stack.pop()!;
    for (const c of n.namedChildren) {
      if (!c || NESTED.has(c.type)) continue;
      if (c.type === 'assignment' && c.endIndex <= before) {
        const l = c.childForFieldName('left');
        const r = c.childForFieldName('right');
        if (l?.type === 'identifier' && r) out.push({ name: l.text, value: r });
      }
      stack.push(c);
    }
  }
  return out.sort((x, y) => x.value.startIndex - y.value.startIndex);
}

function freshName(used: Set<string>, ...candidates: string[]): string {
  for (const c of candidates) if (!used.has(c)) return c;
  let i = 2;
  while (used.has(`${candidates[0]}${i}`)) i++;
  return `${candidates[0]}${i}`;
}

/** The webhook secret the file already names, else `os.environ["STRIPE_WEBHOOK_SECRET"]`. */
function secretExpr(text: string, root: Node, b: PyBindings, q: string): { expr: string; needsOs: boolean } {
  for (const stmt of root.namedChildren) {
    const asg = stmt?.type === 'expression_statement' ? stmt.namedChildren[0] : null;
    const left = asg?.type === 'assignment' ? asg.childForFieldName('left') : null;
    if (left?.type === 'identifier' && /webhook_?secret|endpoint_?secret|signing_?secret/i.test(left.text)) return { expr: left.text, needsOs: false };
  }
  const settings = localFor(b, 'django.conf.settings');
  if (settings) {
    const m = new RegExp(`\\b${settings}\\.(\\w*WEBHOOK\\w*SECRET\\w*|\\w*ENDPOINT\\w*SECRET\\w*)\\b`).exec(text);
    if (m) return { expr: `${settings}.${m[1]}`, needsOs: false };
  }
  const os = localFor(b, 'os') ?? 'os';
  return { expr: `${os}.environ[${q}STRIPE_WEBHOOK_SECRET${q}]`, needsOs: localFor(b, 'os') === null };
}

export function verifyWebhookFix(text: string, root: Node, b: PyBindings, site: PyWebhookSite): Fix | null {
  const fw = framework(site.fn, b);
  if (!fw) return null;
  const stmt = site.stmt.parent?.type === 'expression_statement' ? site.stmt.parent : null;
  if (!stmt || (stmt.parent?.type !== 'block' && stmt.parent?.type !== 'module')) return null;
  const eol = detectEol(text);
  const q = preferredQuote(text);
  const indent = indentAt(text, stmt.startIndex);
  // the statement must start its own line for a multi-line replacement
  if (text.slice(stmt.startIndex - indent.length, stmt.startIndex) !== indent) return null;
  const unit = indentUnit(text);
  const used = localNames(site.fn);
  const prior = assignmentsBefore(site.fn, stmt.startIndex);
  const req = fw.request;
  const rawRe = fw.kind === 'django' ? new RegExp(`^${req.replace('.', '\\.')}\\.body$`) : new RegExp(`^${req}\\.(get_data\\(\\)|data)$`);
  const sigRe = /HTTP_STRIPE_SIGNATURE|stripe-signature/i;

  const lines: string[] = [];
  const edits: TextEdit[] = [];
  let payload = [...prior].reverse().find((p) => rawRe.test(p.value.text.replace(/\s+/g, '')))?.name;
  if (!payload) {
    const rawExpr = fw.kind === 'django' ? `${req}.body` : `${req}.get_data()`;
    if (!used.has('payload')) {
      payload = 'payload';
      lines.push(`payload = ${rawExpr}`);
    } else payload = rawExpr;
  }
  let sig = [...prior].reverse().find((p) => sigRe.test(p.value.text))?.name;
  if (!sig) {
    sig = freshName(used, 'sig_header', 'stripe_signature');
    lines.push(
      fw.kind === 'django'
        ? `${sig} = ${req}.META.get(${q}HTTP_STRIPE_SIGNATURE${q}, ${q}${q})`
        : `${sig} = ${req}.headers.get(${q}Stripe-Signature${q}, ${q}${q})`,
    );
  }
  const stripeName = localFor(b, 'stripe') ?? 'stripe';
  if (!localFor(b, 'stripe') && (used.has('stripe') || b.imports.has('stripe'))) return null; // `stripe` names something else here
  const secret = secretExpr(text, root, b, q);
  if (secret.needsOs) {
    const e = ensureImport(text, root, 'os');
    if (e) edits.push(e);
  }
  if (!localFor(b, 'stripe')) {
    const e = ensureImport(text, root, 'stripe');
    if (e) edits.push(e);
  }
  let bad: string;
  if (fw.kind === 'flask') bad = `return ${q}${q}, 400`;
  else if (fw.drfResponse) bad = `return ${fw.drfResponse}(status=400)`;
  else {
    const local = localFor(b, 'django.http.HttpResponse');
    if (!local) {
      if (used.has('HttpResponse')) return null;
      const e = ensureFromImport(text, root, 'django.http', 'HttpResponse');
      if (e) edits.push(e);
    }
    bad = `return ${local ?? 'HttpResponse'}(status=400)`;
  }
  // a trailing comment on the replaced line stays on the line that now builds the event
  const rest = /^[ \t]*#[^\r\n]*/.exec(text.slice(stmt.endIndex));
  const comment = rest ? rest[0] : '';
  const stmtEnd = stmt.endIndex + comment.length;
  const build = `${site.eventName} = ${stripeName}.Webhook.construct_event(${payload}, ${sig}, ${secret.expr})${comment}`;
  const outer = enclosingTry(stmt);
  if (outer) {
    // the event is already built inside `try: ... except ValueError:`: verify there and add the signature error
    const tryIndent = indentAt(text, outer.node.startIndex);
    if (lines.length) edits.push({ start: outer.node.startIndex, end: outer.node.startIndex, newText: lines.join(eol + tryIndent) + eol + tryIndent });
    edits.push({ start: stmt.startIndex, end: stmtEnd, newText: build });
    if (!outer.catchesAll) {
      edits.push({
        start: outer.lastExcept.endIndex,
        end: outer.lastExcept.endIndex,
        newText: `${eol}${tryIndent}except ${stripeName}.error.SignatureVerificationError:${eol}${tryIndent}${unit}${bad}`,
      });
    }
  } else {
    lines.push('try:', `${unit}${build}`, `except (ValueError, ${stripeName}.error.SignatureVerificationError):`, `${unit}${bad}`);
    edits.push({ start: stmt.startIndex, end: stmtEnd, newText: lines.join(eol + indent) });
  }
  // one secret from the environment is a guess when the project keeps webhook secrets in its
  // database (per connected account, per shop: Stripe Connect platforms): which one signs these
  // events, or whether a relay of the project's own forwards them unsigned, only its author knows
  const stored = /\.environ\[/.test(secret.expr) ? storedWebhookSecret(b.filePath) : null;
  return {
    title: `Verify the \`Stripe-Signature\` with \`${stripeName}.Webhook.construct_event\` (invalid signature answers 400)`,
    applicability: 'unsafe',
    edits: mergeInsertions(edits),
    ...(stored ? { needsInput: `the project keeps webhook secrets in its database (\`${stored}\`): which one signs these events`, snippet: mergeInsertions(edits) } : {}),
  };
}

/**
 * A model field of the project that stores a webhook signing secret (`stripe_webhook_endpoint_secret
 * = database.Column(...)`, `webhook_secret = models.CharField(...)`), read from its models modules.
 */
function storedWebhookSecret(file: string | undefined): string | null {
  return file ? projectTextMatch(file, /^[ \t]+(\w*webhook\w*secret\w*)[ \t]*=[ \t]*[\w.]*(?:Column|Field)\(/im, /(^|[\\/])models([\\/][^\\/]+)?\.py$/) : null;
}

/**
 * `try:` whose body is this statement alone and which already answers a
 * `ValueError` (Stripe's old unverified sample). `catchesAll`: a bare
 * `except:` or `except Exception` already covers the signature error.
 */
function enclosingTry(stmt: Node): { node: Node; lastExcept: Node; catchesAll: boolean } | null {
  const block = stmt.parent;
  const tr = block?.parent;
  if (!block || block.type !== 'block' || tr?.type !== 'try_statement' || tr.childForFieldName('body')?.id !== block.id) return null;
  if (block.namedChildren.filter((c) => c && c.type !== 'comment').length !== 1) return null;
  const excepts = tr.namedChildren.filter((c): c is Node => !!c && c.type === 'except_clause');
  if (!excepts.length || tr.namedChildren.some((c) => c?.type === 'finally_clause' || c?.type === 'else_clause')) return null;
  let value = false;
  let all = false;
  for (const e of excepts) {
    const caught = e.namedChildren.find((c) => c && c.type !== 'block' && c.type !== 'comment');
    const t = caught ? caught.text : '';
    if (!caught || /\b(Base)?Exception\b/.test(t)) all = true;
    if (/\bValueError\b|JSONDecodeError/.test(t)) value = true;
  }
  if (!value && !all) return null;
  return { node: tr, lastExcept: excepts[excepts.length - 1], catchesAll: all };
}

/** Import insertions at the same offset become one edit, in the order they were made. */
function mergeInsertions(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const same = out.find((o) => o.start === e.start && o.end === o.start && e.end === e.start);
    if (same) same.newText += e.newText;
    else out.push({ ...e });
  }
  return out;
}
