/**
 * Codemod: a log call stops writing a secret or a whole request body.
 *
 *   logger.info(f"Login attempt {username} with {password}")  -> logger.info(f"Login attempt {username} with [REDACTED]")
 *   logger.debug("Token %s issued", token)                     -> logger.debug("Token %s issued", "[REDACTED]")
 *   log.info("signup", extra={"password": pw})                 -> log.info("signup", extra={"password": "[REDACTED]"})
 *   logger.info("Payload: %s", request.data)                   -> logger.info("Payload: %s", sorted(request.data))
 *   logger.info("Headers: %s", request.headers)                -> logger.info("Headers: %s", sorted(request.headers.keys()))
 *   logger.debug("Body %s", request.body)                      -> logger.debug("Body %s", len(request.body))
 *
 * The message and the other arguments stay, so log lines keep their shape; a whole body
 * or header set is reduced to its field names (or a raw body to its length), which is
 * what a reader of the log usually needs.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix, PyContext } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import { preferredQuote } from '../../server/src/lang/python/ast';

export interface SensitiveValue {
  node: Node;
  kind: 'secret' | 'whole' | 'raw-body';
  label: string;
}

const MASK = '[REDACTED]';

export function maskFix(ctx: PyContext, v: SensitiveValue): Fix | null {
  const n = v.node;
  const edits: TextEdit[] = [];
  if (v.kind === 'whole') {
    // werkzeug's `Headers` iterates over (name, value) pairs, Django's over names: `.keys()` is names in both
    const keys = n.type === 'attribute' && n.childForFieldName('attribute')?.text === 'headers' ? '.keys()' : '';
    edits.push({ start: n.startIndex, end: n.startIndex, newText: 'sorted(' }, { start: n.endIndex, end: n.endIndex, newText: `${keys})` });
    return { title: `Log only the field names (\`sorted(${n.text}${keys})\`)`, applicability: 'unsafe', edits };
  }
  if (v.kind === 'raw-body') {
    edits.push({ start: n.startIndex, end: n.startIndex, newText: 'len(' }, { start: n.endIndex, end: n.endIndex, newText: ')' });
    return { title: `Log only the body's size (\`len(${n.text})\`)`, applicability: 'unsafe', edits };
  }
  // inside an f-string: `{password}` -> `[REDACTED]` (and `f` goes when nothing is left to interpolate)
  const interp = n.parent?.type === 'interpolation' ? n.parent : null;
  if (interp && interp.namedChildren.filter((c) => c.type !== 'comment').length === 1) {
    const str = interp.parent!;
    edits.push({ start: interp.startIndex, end: interp.endIndex, newText: MASK });
    const others = str.namedChildren.filter((c) => c.type === 'interpolation' && c.id !== interp.id);
    const start = str.namedChildren.find((c) => c.type === 'string_start') ?? str.children.find((c) => c.type === 'string_start');
    if (!others.length && start) {
      const prefix = /^[a-zA-Z]*/.exec(start.text)![0];
      const contentHasBraces = str.namedChildren.some((c) => c.type === 'string_content' && /\{\{|\}\}/.test(c.text));
      if (!contentHasBraces) edits.push({ start: start.startIndex, end: start.startIndex + prefix.length, newText: prefix.replace(/[fF]/, '') });
    }
    return { title: `Mask \`${v.label}\` in the log message`, applicability: 'unsafe', edits };
  }
  // `"Using key " + key` -> `"Using key [REDACTED]"`: one literal, not a concatenation of two
  const p = n.parent;
  const left = p?.type === 'binary_operator' && p.childForFieldName('operator')?.type === '+' && p.childForFieldName('right')?.id === n.id ? p.childForFieldName('left') : null;
  if (left?.type === 'string' && /^[rRuU]?['"]$/.test(left.children[0]?.text ?? '') && !/\\$/.test(left.text.slice(0, -1))) {
    const close = left.children[left.children.length - 1]!;
    edits.push({ start: close.startIndex, end: n.endIndex, newText: `${MASK}${close.text}` });
    return { title: `Mask \`${v.label}\` in the log message`, applicability: 'unsafe', edits };
  }
  const q = preferredQuote(ctx.file.text);
  edits.push({ start: n.startIndex, end: n.endIndex, newText: `${q}${MASK}${q}` });
  return { title: `Mask \`${v.label}\` in the log call`, applicability: 'unsafe', edits };
}
