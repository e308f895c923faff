/**
 * csrf-disabled, Python:
 *   - Django `@csrf_exempt` (also `@method_decorator(csrf_exempt, name="dispatch")` on a class or
 *     on its `dispatch`) on a view that is not a webhook. A webhook verifies the provider's
 *     signature (Stripe `construct_event`, `hmac.compare_digest`, a `verify_*` call), or is named
 *     or routed as one (`*webhook*`, `*callback*`, `/hooks/`) and reads a signature header. DRF
 *     views (their `as_view` is exempt already and SessionAuthentication checks CSRF itself) and
 *     views that authenticate with a header token and never touch the session are left alone.
 *   - Flask-WTF `WTF_CSRF_ENABLED = False` (a config module or class, `app.config[...]`,
 *     `app.config.update(...)`) outside test configuration.
 *   - A Flask app (`Flask(...)`) whose project has routes taking form POSTs (`methods=["POST"]`,
 *     `@bp.post`, reading `request.form`) without any CSRF protection: no `CSRFProtect` /
 *     `CsrfProtect` / `SeaSurf` anywhere in the project, and the route validates no Flask-WTF form.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Node } from '../../lang/python/tree';
import type { Fix, PyContext, PyDetector } from '../../engine/types';
import type { TextEdit } from '../../text/edits';
import { detectEol } from '../../text/positions';
import { indentAt, keywordArg, positionalArgs, stringValue } from '../../lang/python/ast';
import { ensureFromImport, removeImportedName, wholeLines } from '../../lang/python/edits';
import { parsePythonTree } from '../../lang/python/parser';
import { isPythonTestCode } from '../../lang/scope';
import { classInfo, pyProject } from '../../lang/endpoints/python';
import { FactsIndex, PY_MARKERS, projectFiles, projectRoot } from '../../lang/endpoints/model';

const CSRF_EXEMPT = new Set(['django.views.decorators.csrf.csrf_exempt']);
const METHOD_DECORATOR = /(^|\.)method_decorator$/;

// ---------------------------------------------------------------------------
// What a view's code says about the requests it takes

/** It checks the caller's signature: Stripe, GitHub, Slack, Twilio, Svix, or a hand-written HMAC. */
const VERIFIES = /\bconstruct_event\s*\(|\bconstruct_from_request\s*\(|\bverify_(?:webhook|signature|request|hmac)\w*\s*\(|\bcompare_digest\s*\(|\bRequestValidator\b|\bWebhookSignature\b|\bWebhook\s*\(\s*\w+\s*\)\s*\.\s*verify\s*\(/;
/** A header string naming a signature: `"Stripe-Signature"`, `HTTP_X_HUB_SIGNATURE_256`, `X-Twilio-Signature`. */
const SIGNATURE_HEADER = /["'][\w-]*(?:signature|hmac)[\w-]*["']/i;
const HOOK_NAME = /webhook|callback|hook|\bipn\b|notif/i;
/** A token in a header authenticates the request; cookies (and so CSRF) play no part. */
const HEADER_AUTH = /["'](?:authorization|x-api-key|x-auth-token|api-key)["']|HTTP_AUTHORIZATION|HTTP_X_API_KEY/i;
const SESSION_USE = /\brequest\.(?:user|session)\b|\blogin\s*\(|\bcurrent_user\b|\bsession\s*\[/;

export function isWebhook(body: string, names: readonly string[]): boolean {
  if (VERIFIES.test(body)) return true;
  if (!SIGNATURE_HEADER.test(body) || !/headers|META/.test(body)) return false;
  // a signature header read and checked (`validator.validate(url, form, signature)`), or read by a view named as a hook
  return names.some((n) => HOOK_NAME.test(n)) || /\.(?:validate|verify)\w*\s*\(/.test(body);
}

function headerAuthenticated(body: string): boolean {
  return HEADER_AUTH.test(body) && !SESSION_USE.test(body);
}

// ---------------------------------------------------------------------------

function decoratorExpr(dec: Node): Node | null {
  return dec.namedChildren.find((c) => c.type !== 'comment') ?? null;
}

function isCsrfExempt(expr: Node | null, ctx: PyContext): boolean {
  if (!expr) return false;
  if (expr.type === 'identifier' || expr.type === 'attribute') {
    if (!/csrf_exempt$/.test(expr.text) && !(expr.type === 'identifier' && ctx.bindings.imports.has(expr.text))) return false;
    return CSRF_EXEMPT.has(ctx.bindings.resolve(expr) ?? '');
  }
  if (expr.type === 'call' && METHOD_DECORATOR.test(expr.childForFieldName('function')?.text ?? '')) return isCsrfExempt(positionalArgs(expr)[0] ?? null, ctx);
  return false;
}

function decoratorsOf(def: Node): Node[] {
  const p = def.parent;
  return p?.type === 'decorated_definition' ? p.namedChildren.filter((c) => c.type === 'decorator') : [];
}

function isDrf(def: Node, ctx: PyContext): boolean {
  if (def.type === 'class_definition') return classInfo(def, ctx.bindings).kind === 'drf';
  return decoratorsOf(def).some((d) => /(^|\.)api_view\b/.test(decoratorExpr(d)?.text ?? ''));
}

/** How many times a name is used outside import statements and outside `[skipStart, skipEnd)`. */
function usesOf(root: Node, name: string, skipStart: number, skipEnd: number): number {
  let n = 0;
  for (const id of root.descendantsOfType('identifier')) {
    if (id.text !== name || (id.startIndex >= skipStart && id.endIndex <= skipEnd)) continue;
    let p = id.parent;
    while (p && p.type !== 'import_from_statement' && p.type !== 'import_statement' && p.type !== 'module') p = p.parent;
    if (p?.type === 'import_from_statement' || p?.type === 'import_statement') continue;
    n++;
  }
  return n;
}

function exemptDecorator(dec: Node, ctx: PyContext): void {
  const expr = decoratorExpr(dec);
  if (!isCsrfExempt(expr, ctx)) return;
  const def = dec.parent?.childForFieldName('definition') ?? null;
  if (!def) return;
  // `@method_decorator(csrf_exempt)` on `dispatch`: the view is the class
  let view = def;
  if (def.type === 'function_definition' && def.parent?.parent?.type === 'class_definition') view = def.parent.parent;
  else if (def.type === 'function_definition' && def.parent?.type === 'block' && def.parent.parent?.type === 'class_definition') view = def.parent.parent;
  if (isPythonTestCode(ctx.file.path, ctx.file.text)) return;
  if (isDrf(view, ctx)) return;
  const name = view.childForFieldName('name')?.text ?? '';
  const routes = pyProject(ctx.file.path)?.routes.get(name) ?? [];
  if (isWebhook(view.text, [name, ...routes])) return;
  if (headerAuthenticated(view.text)) return;
  // named or routed as a webhook: its caller is a provider's server, which sends no CSRF token
  const hook = [name, ...routes].some((n) => HOOK_NAME.test(n));
  // a provider's payload read from the raw body (`json.loads(request.body)`): no browser form; a missing
  // signature check there is stripe-webhook-signature's finding, not this one
  if (hook && /\brequest\.(?:body|stream)\b/.test(view.text)) return;
  if (hook) {
    ctx.report({
      node: dec,
      message: `\`@${expr!.text}\` on \`${name}\`, named for a webhook, but it checks no signature: any website can make a visitor's browser post to it, and anyone can post forged calls; verify the provider's signature (its calls cannot carry a CSRF token, so the exemption stays)`,
    });
    return;
  }
  // the fix: the decorator's line goes, and the imports it leaves unused
  const text = ctx.file.text;
  const line = wholeLines(text, dec.startIndex, dec.endIndex);
  const edits: TextEdit[] = [{ start: line.start, end: line.end, newText: '' }];
  for (const local of new Set([expr!.type === 'call' ? positionalArgs(expr!)[0]?.text : expr!.text, expr!.type === 'call' ? expr!.childForFieldName('function')?.text : null])) {
    if (!local || !/^\w+$/.test(local) || usesOf(ctx.root, local, dec.startIndex, dec.endIndex) > 0) continue;
    const imp = removeImportedName(text, ctx.root, local);
    if (imp) edits.push(imp);
  }
  const fix: Fix = { title: 'Remove the CSRF exemption (its forms and clients must send the CSRF token)', applicability: 'unsafe', edits };
  ctx.report({
    node: dec,
    message: `\`@${expr!.text}\` turns off CSRF protection for \`${name}\`, which is no signed webhook: any website can make a signed-in visitor's browser post to it; remove the exemption and send the CSRF token`,
    fixes: [fix],
  });
}

// ---------------------------------------------------------------------------
// WTF_CSRF_ENABLED = False

/** Test configuration: a `Test*` / `*Testing*` config class, a function for tests, `TESTING = True` beside it, a block under `if ...test...`. */
function inTestConfig(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'class_definition' || p.type === 'function_definition') {
      if (/test/i.test(p.childForFieldName('name')?.text ?? '')) return true;
    }
    if ((p.type === 'if_statement' || p.type === 'elif_clause') && /test/i.test(p.childForFieldName('condition')?.text ?? '')) return true;
  }
  // `TESTING = True` beside it: in the same class body, module, dict or call
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'block' || p.type === 'module' || p.type === 'dictionary' || p.type === 'argument_list') {
      return p.namedChildren.some((c) => /^["']?TESTING["']?\s*[:=]\s*True\b/.test(c.type === 'expression_statement' ? c.text : c.type === 'pair' || c.type === 'keyword_argument' ? c.text : ''));
    }
  }
  return false;
}

function wtfDisabled(node: Node, ctx: PyContext): void {
  let value: Node | null = null;
  if (node.type === 'assignment') {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (right?.type !== 'false' || !left) return;
    const named = left.type === 'identifier' && left.text === 'WTF_CSRF_ENABLED';
    const keyed = left.type === 'subscript' && stringValue(left.childForFieldName('subscript')) === 'WTF_CSRF_ENABLED';
    if (!named && !keyed) return;
    value = right;
  } else if (node.type === 'keyword_argument') {
    if (node.childForFieldName('name')?.text !== 'WTF_CSRF_ENABLED') return;
    value = node.childForFieldName('value');
  } else if (node.type === 'pair') {
    if (stringValue(node.childForFieldName('key')) !== 'WTF_CSRF_ENABLED') return;
    value = node.childForFieldName('value');
  }
  if (value?.type !== 'false') return;
  if (isPythonTestCode(ctx.file.path, ctx.file.text) || inTestConfig(node)) return;
  ctx.report({
    node,
    message: '`WTF_CSRF_ENABLED = False` turns off Flask-WTF\'s CSRF check for every form: any website can make a signed-in visitor\'s browser submit them; keep it on outside tests',
    fixes: [{ title: 'Turn the CSRF check back on (`WTF_CSRF_ENABLED = True`)', applicability: 'unsafe', edits: [{ start: value.startIndex, end: value.endIndex, newText: 'True' }] }],
  });
}

// ---------------------------------------------------------------------------
// A Flask app with form POST routes and no CSRFProtect

interface FormRoute {
  handler: string;
  path: string | null;
  /** on a Blueprint (registered on an app somewhere) rather than on an app of the same file */
  blueprint: boolean;
  line: number;
}

interface FlaskFacts {
  /** CSRFProtect / SeaSurf set up in the file */
  protects: boolean;
  /** the file imports flask_wtf */
  wtf: boolean;
  /** `Flask(...)` calls in the file */
  apps: number;
  registersBlueprints: boolean;
  routes: FormRoute[];
}

/**
 * CSRF protection set up: Flask-WTF's or flask-seasurf's extension, or the project's own check
 * of a session token against the form or a header (CTFd: `session["nonce"] != request.form.get("nonce")`).
 */
const PROTECTS = /\b(?:CSRFProtect|CsrfProtect|SeaSurf)\s*\(|session(?:\.get\s*\(\s*|\[\s*)["'](?:nonce|_?csrf[\w-]*)["']\s*[)\]]\s*!=\s*request\.(?:form|headers|values)\b/;
const MUTATING = /^(POST|PUT|PATCH|DELETE)$/;

function flaskFacts(root: Node, text: string): FlaskFacts {
  const out: FlaskFacts = {
    protects: PROTECTS.test(text),
    wtf: /\bflask_wtf\b/.test(text),
    // `app = Flask(...)`, `app = flask.Flask(...)`, `app = CTFdFlask(...)` (a subclass)
    apps: (text.match(/^[ \t]*\w+\s*=\s*[\w.]*Flask\w*\s*\(/gm) ?? []).length,
    registersBlueprints: /\.register_blueprint\s*\(/.test(text),
    routes: [],
  };
  if (!/request\.form\b/.test(text)) return out;
  const appNames = new Set([...text.matchAll(/^[ \t]*(\w+)\s*=\s*[\w.]*Flask\w*\s*\(/gm)].map((m) => m[1]));
  for (const dd of root.descendantsOfType('decorated_definition')) {
    const fn = dd.childForFieldName('definition');
    if (fn?.type !== 'function_definition') continue;
    const body = fn.text;
    if (!/request\.form\b/.test(body)) continue;
    for (const dec of dd.namedChildren) {
      if (dec.type !== 'decorator') continue;
      const call = decoratorExpr(dec);
      if (call?.type !== 'call') continue;
      const target = call.childForFieldName('function');
      if (target?.type !== 'attribute') continue;
      const verb = target.childForFieldName('attribute')?.text ?? '';
      let methods: string[] = [];
      if (verb === 'route') {
        const m = keywordArg(call, 'methods');
        methods = m ? m.namedChildren.map((c) => (stringValue(c) ?? '').toUpperCase()) : [];
      } else if (/^(post|put|patch|delete)$/.test(verb)) methods = [verb.toUpperCase()];
      else continue;
      if (!methods.some((m) => MUTATING.test(m))) continue;
      const name = fn.childForFieldName('name')?.text ?? '';
      const routePath = stringValue(positionalArgs(call)[0] ?? keywordArg(call, 'rule'));
      // a Flask-WTF form validates its own token; a webhook signs; a header token needs no cookie
      if (/\.validate_on_submit\s*\(|\bvalidate_csrf\s*\(|\bcsrf\.protect\s*\(/.test(body)) break;
      if (isWebhook(body, [name, routePath ?? ''])) break;
      if (headerAuthenticated(body)) break;
      // on an app made in this file (`app = Flask(...)`), else on a blueprint or an app made elsewhere
      const receiver = target.childForFieldName('object')?.text ?? '';
      const blueprint = !appNames.has(receiver);
      out.routes.push({ handler: name, path: routePath, blueprint, line: text.slice(0, fn.startIndex).split('\n').length });
      break;
    }
  }
  return out;
}

const onDisk = new FactsIndex<FlaskFacts>(/request\.form|CSRFProtect|CsrfProtect|SeaSurf|Flask\s*\(|flask_wtf/, (file, text) => {
  if (isPythonTestCode(file, text)) return null;
  return flaskFacts(parsePythonTree(text), text);
});

/** A class of this file that extends Flask (`class CTFdFlask(Flask)`). */
function flaskSubclass(name: string, ctx: PyContext): boolean {
  if (!/\bclass\s+\w+\s*\([^)]*Flask/.test(ctx.file.text)) return false;
  for (const stmt of ctx.root.namedChildren) {
    if (stmt.type !== 'class_definition' || stmt.childForFieldName('name')?.text !== name) continue;
    return (stmt.childForFieldName('superclasses')?.namedChildren ?? []).some((b) => /^flask(\.app)?\.Flask$/.test(ctx.bindings.resolve(b) ?? ''));
  }
  return false;
}

function flaskApp(call: Node, ctx: PyContext): void {
  const fn = call.childForFieldName('function');
  if (!fn || !(/(^|\.)Flask$/.test(fn.text) || (fn.type === 'identifier' && flaskSubclass(fn.text, ctx)))) return;
  const q = ctx.bindings.resolve(fn);
  if (q !== 'flask.Flask' && q !== 'flask.app.Flask' && !flaskSubclass(fn.text, ctx)) return;
  if (isPythonTestCode(ctx.file.path, ctx.file.text)) return;
  const own = flaskFacts(ctx.root, ctx.file.text);
  if (own.protects) return;
  const others: Array<{ file: string; facts: FlaskFacts }> = [];
  if (path.isAbsolute(ctx.file.path)) {
    const root = projectRoot(ctx.file.path, PY_MARKERS);
    const files = projectFiles(root, ['.py'], PY_MARKERS).filter((f) => f !== ctx.file.path && !path.basename(f, '.py').includes('.'));
    others.push(...onDisk.all(files));
  }
  if (others.some((o) => o.facts.protects)) return;
  // the routes of this app: its own file's, and the blueprints' when this is the project's only app or it registers them
  const apps = own.apps + others.reduce((n, o) => n + o.facts.apps, 0);
  const mine = own.routes.filter((r) => !r.blueprint || apps === 1 || own.registersBlueprints).map((r) => ({ ...r, file: ctx.file.path }));
  if (apps === 1 || own.registersBlueprints) for (const o of others) mine.push(...o.facts.routes.filter((r) => r.blueprint || apps === 1).map((r) => ({ ...r, file: o.file })));
  if (!mine.length) return;
  const first = mine[0];
  const where = `${first.path ? `\`${first.path}\` ` : ''}(\`${first.handler}\`${first.file === ctx.file.path ? '' : ` in ${path.basename(first.file)}`})`;
  const more = mine.length > 1 ? ` and ${mine.length - 1} more route${mine.length > 2 ? 's' : ''}` : '';
  const wtf = own.wtf || others.some((o) => o.facts.wtf) || requirementsName(ctx.file.path, /^flask[-_]wtf\b/im);
  ctx.report({
    node: call,
    start: call.startIndex,
    end: fn.endIndex,
    message: `This Flask app takes form POSTs without CSRF protection: ${where}${more} read${mine.length > 1 ? '' : 's'} \`request.form\`, and nothing in the project sets up \`CSRFProtect\`; any website can make a signed-in visitor's browser submit ${mine.length > 1 ? 'them' : 'it'}`,
    fixes: () => [csrfProtectFix(call, ctx, wtf)],
  });
}

/** The project's requirements.txt lists a distribution. */
function requirementsName(file: string, re: RegExp): boolean {
  if (!path.isAbsolute(file)) return false;
  try {
    return re.test(fs.readFileSync(path.join(projectRoot(file, PY_MARKERS), 'requirements.txt'), 'utf8'));
  } catch {
    return false;
  }
}

function csrfProtectFix(call: Node, ctx: PyContext, wtf: boolean): Fix | null {
  const assign = call.parent;
  if (assign?.type !== 'assignment' || assign.childForFieldName('right') !== call) return null;
  const name = assign.childForFieldName('left');
  if (name?.type !== 'identifier') return null;
  let stmt = assign.parent;
  if (stmt?.type !== 'expression_statement') return null;
  // after the statements that configure the app right below it (`app.config...`, `app.secret_key = ...`)
  const siblings = stmt.parent?.namedChildren ?? [];
  for (let i = siblings.indexOf(stmt) + 1; i < siblings.length; i++) {
    const s = siblings[i];
    if (s.type === 'comment') continue;
    if (s.type !== 'expression_statement' || !new RegExp(`^${name.text}\\s*\\.\\s*(config\\b|secret_key\\b)`).test(s.text)) break;
    stmt = s;
  }
  const text = ctx.file.text;
  const eol = detectEol(text);
  const nl = text.indexOf('\n', stmt.endIndex);
  const end = nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
  const edits: TextEdit[] = [{ start: end, end, newText: `${eol}${indentAt(text, assign.startIndex)}CSRFProtect(${name.text})` }];
  const imp = ensureFromImport(text, ctx.root, 'flask_wtf.csrf', 'CSRFProtect', ctx.file.path);
  if (imp) edits.push(imp);
  const fix: Fix = {
    title: `Protect every form POST with \`CSRFProtect(${name.text})\`${wtf ? '' : ' (adds the Flask-WTF dependency)'}; forms must render \`csrf_token()\``,
    applicability: 'unsafe',
    edits,
  };
  // templates whose forms post without a token would answer 400 from then on: the author adds the tokens first
  const bare = formsWithoutToken(ctx.file.path);
  if (bare.length) {
    fix.title += ` (${bare.length} template${bare.length > 1 ? 's' : ''} post without one, e.g. ${path.basename(bare[0])})`;
    fix.needsInput = TEMPLATES_WITHOUT_TOKEN;
  }
  return fix;
}

/** Needs-input reason of the CSRFProtect fix. */
export const TEMPLATES_WITHOUT_TOKEN = 'templates post forms without a csrf_token() field';

const POST_FORM = /<form\b[^>]*\bmethod\s*=\s*["']?post\b[^>]*>([\s\S]*?)<\/form>/gi;

/** The project's templates with a `<form method="post">` that renders no CSRF token. */
function formsWithoutToken(file: string): string[] {
  if (!path.isAbsolute(file)) return [];
  const root = projectRoot(file, PY_MARKERS);
  const out: string[] = [];
  for (const t of projectFiles(root, ['.html', '.jinja', '.jinja2', '.j2'], PY_MARKERS)) {
    let text: string;
    try {
      text = fs.readFileSync(t, 'utf8');
    } catch {
      continue;
    }
    if (!/<form\b/i.test(text)) continue;
    for (const m of text.matchAll(POST_FORM)) {
      if (!/csrf_token|csrf-token|hidden_tag\s*\(/i.test(m[1])) {
        out.push(t);
        break;
      }
    }
  }
  return out;
}

export const python: PyDetector = {
  nodeTypes: ['decorator', 'assignment', 'keyword_argument', 'pair', 'call'],
  requires: /csrf_exempt|WTF_CSRF_ENABLED|Flask\w*\s*\(/,
  visit(node: Node, ctx: PyContext) {
    switch (node.type) {
      case 'decorator':
        if (/csrf_exempt/.test(node.text) || ctx.bindings.imports.has(decoratorExpr(node)?.text ?? '')) exemptDecorator(node, ctx);
        return;
      case 'call':
        flaskApp(node, ctx);
        return;
      default: {
        const key = node.type === 'assignment' ? node.childForFieldName('left') : node.type === 'pair' ? node.childForFieldName('key') : node.childForFieldName('name');
        if (key && key.endIndex - key.startIndex < 200 && /WTF_CSRF_ENABLED/.test(key.text)) wtfDisabled(node, ctx);
      }
    }
  },
};
