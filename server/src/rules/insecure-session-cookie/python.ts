/**
 * insecure-session-cookie, Python: Django production settings (lang/python/settings.ts, split
 * settings followed through their star imports) whose session or CSRF cookie may travel over
 * plain HTTP or be read by page scripts:
 *   - no `SESSION_COOKIE_SECURE` / `CSRF_COOKIE_SECURE` along a production entry's chain
 *     (Django's defaults are False), reported on the entry;
 *   - `SESSION_COOKIE_SECURE = False` / `CSRF_COOKIE_SECURE = False` that production sees;
 *   - `SESSION_COOKIE_HTTPONLY = False` (the default is True: only an explicit False is flagged);
 *   - `SESSION_COOKIE_SAMESITE = None` (no SameSite attribute at all; the default is "Lax").
 * The session cookie only matters when the chain uses sessions (`django.contrib.sessions` or its
 * middleware written somewhere, or INSTALLED_APPS not readable), the CSRF cookie when it uses
 * `CsrfViewMiddleware` and does not keep the token in the session (`CSRF_USE_SESSIONS = True`).
 */
import type { Node } from '../../lang/python/tree';
import type { Fix, PyContext, PyDetector } from '../../engine/types';
import type { TextEdit } from '../../text/edits';
import { detectEol } from '../../text/positions';
import { preferredQuote } from '../../lang/python/ast';
import { ensureImport } from '../../lang/python/edits';
import { djangoSettings, isSettingsModule, ownTop, productionAssignments, type DjangoSettings, type SettingValue, type Top } from '../../lang/python/settings';

const SECURE_NAMES = ['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE'] as const;

/** `not DEBUG` when DEBUG is always defined along the chain, else the same environment switch debug-enabled writes. */
function secureValue(ctx: PyContext, tops: readonly Top[]): { text: string; edits: TextEdit[] } {
  if (tops.every((t) => t.always.has('DEBUG'))) return { text: 'not DEBUG', edits: [] };
  const q = preferredQuote(ctx.file.text);
  const imp = ensureImport(ctx.file.text, ctx.root, 'os', ctx.file.path);
  return { text: `os.environ.get(${q}DJANGO_DEBUG${q}) != ${q}1${q}`, edits: imp ? [imp] : [] };
}

function lineEnd(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  if (nl < 0) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** Where a finding about a missing setting is shown: DEBUG, else the star import of the base, else the first core setting. */
function anchor(root: Node): Node | null {
  let star: Node | null = null;
  let first: Node | null = null;
  for (const stmt of root.namedChildren) {
    if (stmt.type === 'import_from_statement' && stmt.namedChildren.some((c) => c.type === 'wildcard_import')) star ??= stmt;
    if (stmt.type !== 'expression_statement' || stmt.namedChildren[0]?.type !== 'assignment') continue;
    const left = stmt.namedChildren[0].childForFieldName('left');
    if (left?.type !== 'identifier') continue;
    if (left.text === 'DEBUG') return stmt;
    if (/^(INSTALLED_APPS|MIDDLEWARE|DATABASES|ROOT_URLCONF|SECRET_KEY|ALLOWED_HOSTS)$/.test(left.text)) first ??= stmt;
  }
  return star ?? first;
}

function reportLiteral(ctx: PyContext, s: DjangoSettings, v: SettingValue, message: string, replacement: { text: string; edits: TextEdit[] }, title: string): void {
  const node = ctx.root.descendantForIndex(v.start, v.end);
  if (!node) return;
  const fix: Fix = { title, applicability: 'unsafe', edits: [{ start: v.valueStart, end: v.valueEnd, newText: replacement.text }, ...replacement.edits] };
  ctx.report({ node, start: v.start, end: v.end, message, fixes: [fix] });
  void s;
}

export const python: PyDetector = {
  nodeTypes: ['module'],
  // a settings module assigns one of these; `production.py` may only star-import its base
  requires: /\b(?:INSTALLED_APPS|MIDDLEWARE|DATABASES|ROOT_URLCONF|DEBUG|SECRET_KEY|ALLOWED_HOSTS|WSGI_APPLICATION|SESSION_COOKIE_\w+|CSRF_COOKIE_SECURE)\s*=|^from\s+\S+\s+import\s+\*/m,
  visit(node: Node, ctx: PyContext) {
    const text = ctx.file.text;
    // a settings module, or a module that builds on one (`production.py`: `from .base import *`)
    if (!isSettingsModule(ctx.file.path, text) && !/^from\s+\S+\s+import\s+\*/m.test(text)) return;
    const s = djangoSettings(ctx.file.path, node, text);
    if (!s) return;
    // what this module sets and production sees
    for (const name of SECURE_NAMES) {
      for (const v of productionAssignments(s, name)) {
        if (v.kind !== 'false') continue;
        const what = name === 'SESSION_COOKIE_SECURE' ? 'the session cookie' : 'the CSRF cookie';
        const value = secureValue(ctx, s.tops);
        reportLiteral(ctx, s, v, `\`${name} = False\` in production settings: ${what} is also sent over plain HTTP, where anyone on the network can read it; secure it outside debug mode`, value, `Set \`${name} = ${value.text}\``);
      }
    }
    for (const v of productionAssignments(s, 'SESSION_COOKIE_HTTPONLY')) {
      if (v.kind !== 'false') continue;
      reportLiteral(ctx, s, v, '`SESSION_COOKIE_HTTPONLY = False`: page scripts, and any injected script, can read the session cookie and hand the session to an attacker; Django\'s default is True', { text: 'True', edits: [] }, 'Set `SESSION_COOKIE_HTTPONLY = True`');
    }
    for (const v of productionAssignments(s, 'SESSION_COOKIE_SAMESITE')) {
      if (v.kind !== 'none') continue;
      const q = preferredQuote(text);
      reportLiteral(ctx, s, v, '`SESSION_COOKIE_SAMESITE = None`: the session cookie has no SameSite attribute, so browsers that do not default to Lax send it with cross-site requests; Django\'s default is "Lax"', { text: `${q}Lax${q}`, edits: [] }, `Set \`SESSION_COOKIE_SAMESITE = ${q}Lax${q}\``);
    }
    // what this production entry never sets
    const top = ownTop(s);
    if (!top) return;
    const missing: string[] = [];
    if (!top.effective.has('SESSION_COOKIE_SECURE') && (top.sessionsApp || !top.definesApps)) missing.push('SESSION_COOKIE_SECURE');
    const csrfInSession = top.effective.get('CSRF_USE_SESSIONS')?.kind === 'true';
    if (!top.effective.has('CSRF_COOKIE_SECURE') && !csrfInSession && (top.csrfMiddleware || !top.definesMiddleware)) missing.push('CSRF_COOKIE_SECURE');
    if (!missing.length) return;
    const at = anchor(node);
    if (!at) return;
    const value = secureValue(ctx, [top]);
    const eol = detectEol(text);
    const lines = missing.map((m) => `${m} = ${value.text}`).join(eol);
    const debug = at.type === 'expression_statement' && at.namedChildren[0]?.childForFieldName('left')?.text === 'DEBUG' ? at : null;
    let edit: TextEdit;
    if (debug) {
      const end = lineEnd(text, debug.endIndex);
      edit = { start: end, end, newText: `${eol}${lines}` };
    } else {
      const last = node.namedChildren[node.namedChildren.length - 1];
      const end = last ? lineEnd(text, last.endIndex) : text.length;
      edit = { start: end, end, newText: `${end > 0 ? eol + eol : ''}${lines}${end === text.length ? eol : ''}` };
    }
    const cookies = missing.map((m) => (m === 'SESSION_COOKIE_SECURE' ? 'session' : 'CSRF')).join(' and ');
    ctx.report({
      node: at,
      message: `Production settings without ${missing.map((m) => `\`${m}\``).join(' or ')} (Django's default is False): the ${cookies} cookie${missing.length > 1 ? 's are' : ' is'} also sent over plain HTTP, where anyone on the network can read ${missing.length > 1 ? 'them' : 'it'}; secure ${missing.length > 1 ? 'them' : 'it'} outside debug mode`,
      fixes: [{ title: `Add ${missing.map((m) => `\`${m} = ${value.text}\``).join(', ')}`, applicability: 'unsafe', edits: [edit, ...value.edits] }],
    });
  },
};
