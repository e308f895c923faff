/**
 * Codemod: parse a number from the request with a bounded helper. `int(request.GET["days"])`
 * becomes `parse_bounded_int(request.GET["days"])`; the helper (added once per module, above the
 * function) answers a 400 on anything but a whole number and clamps it to 0..MAX_QUERY_NUMBER.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import { indentUnit } from '../../server/src/lang/python/ast';
import { ensureFromImport } from '../../server/src/lang/python/edits';

export const HELPER = 'parse_bounded_int';
export const MAXIMUM = 1000;

export type Framework = 'flask' | 'drf' | 'django';

export function boundedIntFix(text: string, root: Node, call: Node, top: Node, fw: Framework, filePath?: string): Fix | null {
  const f = call.childForFieldName('function');
  if (!f || f.text !== 'int') return null;
  const edits: TextEdit[] = [{ start: f.startIndex, end: f.endIndex, newText: HELPER }];
  const defined = root.namedChildren.some((s) => s.type === 'function_definition' && s.childForFieldName('name')?.text === HELPER);
  if (!defined) {
    const nl = text.includes('\r\n') ? '\r\n' : '\n';
    const u = indentUnit(text);
    const fail = fw === 'flask' ? 'abort(400, "Expected a whole number")' : fw === 'drf' ? 'raise ValidationError("Expected a whole number") from None' : 'raise BadRequest("Expected a whole number") from None';
    const src = [
      `def ${HELPER}(value, maximum=${MAXIMUM}):`,
      `${u}"""A whole number from the request, clamped to 0..maximum; a 400 for anything else."""`,
      `${u}try:`,
      `${u}${u}number = int(value)`,
      `${u}except (TypeError, ValueError):`,
      `${u}${u}${fail}`,
      `${u}return max(0, min(number, maximum))`,
    ].join(nl);
    const imp = fw === 'flask'
      ? ensureFromImport(text, root, 'flask', 'abort', filePath)
      : fw === 'drf'
        ? ensureFromImport(text, root, 'rest_framework.exceptions', 'ValidationError', filePath)
        : ensureFromImport(text, root, 'django.core.exceptions', 'BadRequest', filePath);
    if (imp) edits.push(imp);
    const helper = { start: top.startIndex, end: top.startIndex, newText: `${src}${nl}${nl}${nl}` };
    const same = edits.find((m) => m.start === helper.start && m.end === m.start);
    if (same) same.newText += helper.newText;
    else edits.push(helper);
  }
  return { title: `Parse with \`${HELPER}\` (400 on bad input, at most ${MAXIMUM})`, applicability: 'unsafe', edits };
}
