/**
 * Codemod: give a DRF list view a page-number paginator with a maximum page size. Adds
 * `pagination_class = StandardResultsSetPagination` to the class and, once per module, the
 * paginator class above it (`PageNumberPagination` with `page_size`, `page_size_query_param`
 * and `max_page_size`), with its import.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import { indentAt, indentUnit } from '../../server/src/lang/python/ast';
import { ensureFromImport } from '../../server/src/lang/python/edits';

export const PAGINATOR = 'StandardResultsSetPagination';
export const PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export function paginateFix(text: string, root: Node, cls: Node, top: Node, filePath?: string): Fix | null {
  const body = cls.childForFieldName('body');
  const first = body?.namedChildren[0];
  if (!body || !first) return null;
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const ind = indentAt(text, first.startIndex);
  // after the docstring, if any
  const docstring = first.type === 'expression_statement' && first.namedChildren[0]?.type === 'string';
  const at = docstring ? first : null;
  const line = `pagination_class = ${PAGINATOR}`;
  const edits: TextEdit[] = at
    ? [{ start: at.endIndex, end: at.endIndex, newText: `${nl}${ind}${line}` }]
    : [{ start: first.startIndex, end: first.startIndex, newText: `${line}${nl}${ind}` }];
  const defined = root.namedChildren.some((s) => s.type === 'class_definition' && s.childForFieldName('name')?.text === PAGINATOR);
  if (!defined) {
    const u = indentUnit(text);
    const src = [
      `class ${PAGINATOR}(PageNumberPagination):`,
      `${u}page_size = ${PAGE_SIZE}`,
      `${u}page_size_query_param = "page_size"`,
      `${u}max_page_size = ${MAX_PAGE_SIZE}`,
    ].join(nl);
    const imp = ensureFromImport(text, root, 'rest_framework.pagination', 'PageNumberPagination', filePath);
    if (imp) edits.push(imp);
    const helper = { start: top.startIndex, end: top.startIndex, newText: `${src}${nl}${nl}${nl}` };
    const same = edits.find((m) => m.start === helper.start && m.end === m.start);
    if (same) same.newText += helper.newText;
    else edits.push(helper);
  }
  return { title: `Paginate the list (\`pagination_class = ${PAGINATOR}\`, at most ${MAX_PAGE_SIZE} a page)`, applicability: 'unsafe', edits };
}
