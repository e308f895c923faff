/**
 * Codemod: lock the row a function reads, checks and writes.
 * `.select_for_update()` goes into the read (after the manager, or
 * `get_object_or_404(Model.objects.select_for_update(), ...)`), and the
 * function becomes atomic (`@transaction.atomic` directly above the `def`,
 * import merged into `from django.db import ...`), unless the read already
 * sits inside `transaction.atomic`.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix } from '../../server/src/engine/types';
import type { PyBindings } from '../../server/src/lang/python/bindings';
import { addSelectForUpdateEdit, inAtomic, makeAtomicEdits, type RowRead } from '../../server/src/lang/python/django';

export function lockRowFix(text: string, root: Node, fn: Node, read: RowRead, bindings: PyBindings): Fix | null {
  const sfu = addSelectForUpdateEdit(read);
  if (!sfu) return null;
  const atomic = inAtomic(read.call, bindings) ? [] : makeAtomicEdits(text, root, fn, bindings);
  if (!atomic) return null;
  const name = fn.childForFieldName('name')?.text ?? 'the function';
  return {
    title: atomic.length
      ? `Lock the row with \`select_for_update()\` and make \`${name}\` atomic`
      : 'Lock the row with `select_for_update()`',
    applicability: 'unsafe',
    edits: [sfu, ...atomic],
  };
}
