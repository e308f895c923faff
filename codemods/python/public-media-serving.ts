/**
 * Codemods for public-media-serving.
 *
 * Media routes, guarded by `settings.DEBUG` (the import added when missing):
 *
 *   urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
 *     -> if settings.DEBUG:
 *            urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
 *   urlpatterns = [...] + static(...)
 *     -> urlpatterns = [...]  and the guarded `urlpatterns += static(...)` after it
 *
 * A file view with no access check: `@login_required` above the `def`, and an ownership check
 * the author must write (`if not TODO_OWNERSHIP_CHECK: raise Http404`). That placeholder is a
 * snippet for the editor; bulk fixing never applies the fix (`needsInput`).
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import { detectEol } from '../../server/src/text/positions';
import { indentAt, indentUnit } from '../../server/src/lang/python/ast';
import { ensureFromImport } from '../../server/src/lang/python/edits';

export const PLACEHOLDER = 'TODO_OWNERSHIP_CHECK';
export const NEEDS_OWNER = 'who may read this file';

const GUARD_TITLE = 'Serve media from Django only when `settings.DEBUG` is on';

function settingsImport(text: string, root: Node, filePath: string | undefined): TextEdit[] {
  const e = ensureFromImport(text, root, 'django.conf', 'settings', filePath);
  return e ? [e] : [];
}

/** `urlpatterns += static(...)` (or `+= [re_path(..., serve, ...)]`) at module level: wrapped in `if settings.DEBUG:`. */
export function guardStatementFix(text: string, root: Node, stmt: Node, filePath: string | undefined): Fix {
  const eol = detectEol(text);
  const unit = indentUnit(text);
  const body = text.slice(stmt.startIndex, stmt.endIndex).replace(/\r?\n/g, (m) => `${m}${unit}`);
  return {
    title: GUARD_TITLE,
    applicability: 'unsafe',
    edits: [...settingsImport(text, root, filePath), { start: stmt.startIndex, end: stmt.endIndex, newText: `if settings.DEBUG:${eol}${unit}${body}` }],
  };
}

/** `urlpatterns = [...] + static(...)`: the `+ static(...)` moves into a guarded `+=` after the statement. */
export function guardConcatFix(text: string, root: Node, stmt: Node, target: string, sum: Node, call: Node, filePath: string | undefined): Fix | null {
  const left = sum.childForFieldName('left');
  if (!left || sum.childForFieldName('right') !== call) return null;
  const eol = detectEol(text);
  const unit = indentUnit(text);
  const callText = text.slice(call.startIndex, call.endIndex).replace(/\r?\n/g, (m) => `${m}${unit}`);
  // after a trailing comment on the statement's last line
  let end = stmt.endIndex;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return {
    title: GUARD_TITLE,
    applicability: 'unsafe',
    edits: [
      ...settingsImport(text, root, filePath),
      { start: left.endIndex, end: call.endIndex, newText: '' },
      { start: end, end, newText: `${eol}${eol}if settings.DEBUG:${eol}${unit}${target} += ${callText}` },
    ],
  };
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** `@login_required` and an ownership-check placeholder on a Django function view or a flask-login route. */
export function loginFix(text: string, root: Node, fn: Node, kind: 'django' | 'flask', filePath: string | undefined): Fix | null {
  const body = fn.childForFieldName('body');
  const first = body?.namedChildren.find((c) => c.type !== 'comment');
  if (!body || !first) return null;
  // the first statement after a docstring
  const stmts = body.namedChildren.filter((c) => c.type !== 'comment');
  const isDoc = (s: Node): boolean => s.type === 'expression_statement' && s.namedChildren[0]?.type === 'string';
  const at = isDoc(stmts[0]) && stmts[1] ? stmts[1] : stmts[0];
  if (isDoc(at)) return null;
  // a one-line body (`def f(request, p): return ...`): no block to insert into
  if (!/[\r\n]/.test(text.slice(fn.startIndex, at.startIndex))) return null;
  const eol = detectEol(text);
  const unit = indentUnit(text);
  const indent = indentAt(text, at.startIndex);
  const deny = kind === 'django' ? 'raise Http404' : 'abort(404)';
  const check = `if not ${PLACEHOLDER}:${eol}${indent}${unit}${deny}${eol}${indent}`;
  const defIndent = indentAt(text, fn.startIndex);
  const edits: TextEdit[] = [];
  const imports = kind === 'django'
    ? [ensureFromImport(text, root, 'django.contrib.auth.decorators', 'login_required', filePath), ensureFromImport(text, root, 'django.http', 'Http404', filePath)]
    : [ensureFromImport(text, root, 'flask_login', 'login_required', filePath), ensureFromImport(text, root, 'flask', 'abort', filePath)];
  for (const e of imports) {
    if (!e) continue;
    const same = edits.find((m) => m.start === e.start && m.end === e.end && m.start === m.end);
    if (same) same.newText += e.newText;
    else edits.push(e);
  }
  edits.push({ start: fn.startIndex, end: fn.startIndex, newText: `@login_required${eol}${defIndent}` });
  edits.push({ start: at.startIndex, end: at.startIndex, newText: check });
  const snippet = edits.map((e) => {
    const i = e.newText.indexOf(PLACEHOLDER);
    if (i < 0) return { ...e, newText: escapeSnippet(e.newText) };
    return { ...e, newText: `${escapeSnippet(e.newText.slice(0, i))}\${1:${PLACEHOLDER}}${escapeSnippet(e.newText.slice(i + PLACEHOLDER.length))}` };
  });
  return {
    title: `Require login and add an ownership check placeholder (\`${PLACEHOLDER}\`) to replace with a check that the user may read this file`,
    applicability: 'unsafe',
    edits,
    snippet,
    needsInput: NEEDS_OWNER,
  };
}
