/**
 * Codemod: make the function that evaluates a `select_for_update()` queryset
 * atomic: `@transaction.atomic` directly above the `def` (below route, view
 * and task decorators), `transaction` merged into `from django.db import ...`.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix } from '../../server/src/engine/types';
import type { PyBindings } from '../../server/src/lang/python/bindings';
import { makeAtomicEdits } from '../../server/src/lang/python/django';

export function makeAtomicFix(text: string, root: Node, fn: Node, bindings: PyBindings): Fix | null {
  const edits = makeAtomicEdits(text, root, fn, bindings);
  if (!edits || !edits.length) return null;
  const name = fn.childForFieldName('name')?.text ?? 'the function';
  return { title: `Make \`${name}\` atomic with \`@transaction.atomic\``, applicability: 'safe', edits };
}
