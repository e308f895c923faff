/**
 * Codemod: `unique=True` on a model field that holds a provider payment id or an idempotency
 * key, in the call's own layout:
 *
 *   stripe_payment_intent_id = models.CharField(max_length=255, null=True)
 *     -> models.CharField(max_length=255, null=True, unique=True)
 *
 * The schema changes only once a migration runs (`makemigrations`), and that migration fails
 * while duplicate values exist: the title says so.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix } from '../../server/src/engine/types';
import { addArgument } from '../../server/src/lang/python/edits';

export function uniqueFix(text: string, call: Node, filePath: string | undefined): Fix {
  return {
    title: 'Add `unique=True` (then `makemigrations`; the migration fails while duplicate values exist)',
    applicability: 'unsafe',
    edits: addArgument(text, call, 'unique=True', filePath),
  };
}
