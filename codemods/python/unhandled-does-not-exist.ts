/**
 * Codemod: a view's `Model.objects.get(...)` becomes `get_object_or_404(...)`.
 *
 *   order = Order.objects.get(pk=pk, owner=request.user)
 *   -> order = get_object_or_404(Order, pk=pk, owner=request.user)
 *   Order.objects.select_related("customer").get(pk=pk)
 *   -> get_object_or_404(Order.objects.select_related("customer"), pk=pk)
 *
 * The lookup arguments are kept as written (same text, same layout). The import is merged
 * into an existing `from django.shortcuts import ...` (or added after the imports); a file
 * that already imports DRF's `rest_framework.generics.get_object_or_404` keeps using it.
 * Both raise `Http404`, which Django and DRF answer with a 404.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix, PyContext } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import type { OrmChain } from '../../server/src/lang/python/django';
import { ensureFromImport } from '../../server/src/lang/python/edits';
import { callArgs, indentAt } from '../../server/src/lang/python/ast';
import { detectEol } from '../../server/src/text/positions';

export interface GetSite {
  call: Node;
  chain: OrmChain;
  fn: Node;
}

const SHORTCUTS = new Set(['django.shortcuts.get_object_or_404', 'rest_framework.generics.get_object_or_404']);

export function getObjectOr404Fix(ctx: PyContext, site: GetSite): Fix | null {
  const text = ctx.file.text;
  const bound = ctx.bindings.imports.get('get_object_or_404');
  if (bound && !SHORTCUTS.has(bound)) return null; // the name means something else here
  const f = site.call.childForFieldName('function')!;
  const qs = site.chain.links.length === 1 ? site.chain.model.text : f.childForFieldName('object')!.text;
  const args = site.call.childForFieldName('arguments')!;
  const first = callArgs(site.call)[0];
  if (!first) return null;
  const edits: TextEdit[] = [{ start: site.call.startIndex, end: args.startIndex + 1, newText: 'get_object_or_404(' }];
  // `get(\n    pk=pk,\n)` keeps its layout: the queryset goes on its own line like the arguments
  if (/[\r\n]/.test(text.slice(args.startIndex, first.startIndex))) {
    edits.push({ start: first.startIndex, end: first.startIndex, newText: `${qs},${detectEol(text)}${indentAt(text, first.startIndex)}` });
  } else {
    edits.push({ start: first.startIndex, end: first.startIndex, newText: `${qs}, ` });
  }
  if (!bound) {
    const imp = ensureFromImport(text, ctx.root, 'django.shortcuts', 'get_object_or_404');
    if (imp) edits.push(imp);
  }
  return { title: 'Use `get_object_or_404()` so a missing row answers 404', applicability: 'safe', edits };
}
