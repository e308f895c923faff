/**
 * unpaginated-list, Python: a DRF list endpoint with no paginator. A class whose bases are all
 * DRF's own (`ListAPIView`, `ListCreateAPIView`, `ModelViewSet`, `ReadOnlyModelViewSet`, a
 * `GenericViewSet` / `GenericAPIView` with `ListModelMixin`) and that sets no `pagination_class`
 * and keeps DRF's `list`, in a project whose settings set no `DEFAULT_PAGINATION_CLASS`
 * (REST_FRAMEWORK in any settings module, split settings included: lang/endpoints/python.ts).
 * A project base class (which may set the paginator) is not flagged.
 */
import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { projectTextMatch } from '../../lang/endpoints/model';
import { isPythonTestCode } from '../../lang/scope';
import { paginateFix } from '../../../../codemods/python/unpaginated-list';

const LISTING = new Set([
  'rest_framework.generics.ListAPIView', 'rest_framework.generics.ListCreateAPIView',
  'rest_framework.viewsets.ModelViewSet', 'rest_framework.viewsets.ReadOnlyModelViewSet',
  'rest_framework.mixins.ListModelMixin',
]);
const OTHER_DRF = /^rest_framework\.(?:generics|viewsets|mixins)\.\w+$/;

const PAGINATION_SETTING = /["']DEFAULT_PAGINATION_CLASS["']/;
/**
 * Does any module of the project name `DEFAULT_PAGINATION_CLASS` (in REST_FRAMEWORK, an
 * `.update`, a subscript, split settings)? A text search of the project's Python files: cheaper
 * than the parsed project facts, and it errs toward "paginated".
 */
function projectPaginates(file: string): boolean {
  return projectTextMatch(file, PAGINATION_SETTING) !== null;
}

function topStatement(n: Node): Node {
  let cur = n;
  while (cur.parent && cur.parent.type !== 'module') cur = cur.parent;
  return cur;
}

export const python: PyDetector = {
  nodeTypes: ['class_definition'],
  requires: /\brest_framework\b/,
  visit(node: Node, ctx: PyContext) {
    const bases = node.childForFieldName('superclasses')?.namedChildren ?? [];
    if (!bases.length) return;
    let lists = false;
    for (const b of bases) {
      if (b.type === 'keyword_argument') return; // metaclass=...: not a plain view
      // ModelViewSet[User] (typed DRF stubs)
      const q = ctx.bindings.resolve(b.type === 'subscript' ? b.childForFieldName('value') : b);
      if (!q || !OTHER_DRF.test(q)) return; // a project base class may paginate
      if (LISTING.has(q)) lists = true;
    }
    if (!lists) return;
    const body = node.childForFieldName('body');
    if (!body) return;
    for (const st of body.namedChildren) {
      const a = st.type === 'expression_statement' ? st.namedChildren[0] : null;
      if (a?.type === 'assignment' && a.childForFieldName('left')?.text === 'pagination_class') return;
      const def = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
      // a list of its own (it may paginate, or return a bounded list)
      if (def?.type === 'function_definition' && /^(?:list|paginate_queryset|get_paginated_response)$/.test(def.childForFieldName('name')?.text ?? '')) return;
    }
    if (isPythonTestCode(ctx.file.path, ctx.file.text)) return;
    if (projectPaginates(ctx.file.path)) return;
    const name = node.childForFieldName('name');
    ctx.report({
      node: name ?? node,
      message: 'This DRF list endpoint returns the whole table in one response (no `pagination_class`, no `DEFAULT_PAGINATION_CLASS`): paginate it',
      fixes: () => [paginateFix(ctx.file.text, ctx.root, node, topStatement(node), ctx.file.path)],
    });
  },
};
