/**
 * Codemod: run the writes that belong together in one transaction, with the
 * pieces of the reviewed race-read-check-write fix (locks held briefly, side
 * effects after the commit):
 *  - the region is the smallest run of sibling statements holding the writes
 *    and the side effects that come before the last of them;
 *  - when that region is the function's work (what is left outside is
 *    arithmetic, responses, ORM reads, logging), the function becomes atomic:
 *    `@transaction.atomic` directly above the `def`, below route, view and
 *    task decorators;
 *  - otherwise the region is wrapped in `with transaction.atomic():`,
 *    re-indented, so the transaction lasts for the writes only;
 *  - side effects inside the transaction (HTTP, Stripe, e-mail, S3, Celery
 *    `.delay()`, publishing) become `transaction.on_commit(lambda: ...)`, run
 *    after the commit and never for a rolled-back write. When one cannot move
 *    (its result is used, it is awaited, it runs in a loop, a name it uses is
 *    rebound later), no fix is offered and the finding says why.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix } from '../../server/src/engine/types';
import type { PyBindings } from '../../server/src/lang/python/bindings';
import { makeAtomicEdits } from '../../server/src/lang/python/django';
import { blockStatements, deferSideEffects, isShort, regionOf, transactionName, wrapInWith } from './race-read-check-write';

interface Site {
  call: Node;
  stmt?: Node;
  key?: string;
}

export interface MultiWriteFixResult {
  fix: Fix | null;
  why?: string;
}

const CONNECTION_MANAGEMENT = /(^|\.)(close_old_connections|close_if_unusable_or_obsolete)$|(^|\.)connections?(\[.*\])?\.close$/;

export function multiWriteFix(text: string, root: Node, fn: Node, writes: Site[], effects: Site[], bindings: PyBindings): MultiWriteFixResult {
  const body = fn.childForFieldName('body');
  if (!body) return { fix: null };
  if (fn.children.some((c) => c?.type === 'async')) return { fix: null, why: 'Django\'s `atomic` does not support `async` functions (wrap a synchronous helper with `sync_to_async`)' };
  const fnName = fn.childForFieldName('name')?.text ?? 'the function';
  // a write in a loop: the whole (outermost) loop runs in the transaction, not each iteration
  const outerLoop = (n: Node): Node => {
    let hit = n;
    for (let cur = n.parent; cur && cur.id !== fn.id; cur = cur.parent) if (cur.type === 'for_statement' || cur.type === 'while_statement') hit = cur;
    return hit;
  };
  const region = regionOf(fn, [...writes.map((w) => outerLoop(w.call)), ...effects.map((e) => e.call)]);
  if (!region) return { fix: null };
  for (const s of region.stmts) {
    for (const c of [s, ...s.descendantsOfType('call')]) {
      if (c?.type === 'call' && CONNECTION_MANAGEMENT.test(c.childForFieldName('function')?.text ?? '')) return { fix: null, why: `\`${c.text}\` would close the transaction's connection` };
    }
    // a `yield` inside would keep the transaction open across the consumer's work
    if (s.type === 'yield' || s.descendantsOfType('yield').length) return { fix: null };
  }
  const tx = transactionName(text, root, (fn.parent?.type === 'decorated_definition' ? fn.parent : fn).startIndex, bindings);
  if (!tx) return { fix: null };
  const names = new Set(writes.map((w) => w.key ?? '').filter(Boolean));
  const outside = blockStatements(body).filter((s) => !region.stmts.some((r) => r.id === s.id));
  const wholeBody = region.block.id === body.id && outside.every((s) => isShort(s, names, fn, bindings));
  const sideNote = (n: number): string => (n ? `, side effects after the commit with \`${tx.name}.on_commit\`` : '');
  if (wholeBody) {
    const atomic = makeAtomicEdits(text, root, fn, bindings);
    if (!atomic || !atomic.length) return { fix: null };
    const deferred = deferSideEffects(blockStatements(body), body, tx.name, bindings);
    if (deferred.why) return { fix: null, why: deferred.why };
    const edits = [...deferred.edits, ...atomic];
    if (tx.edit && deferred.edits.length && !atomic.some((e) => e.start === tx.edit!.start && e.newText === tx.edit!.newText)) edits.push(tx.edit);
    return { fix: { title: `Make \`${fnName}\` atomic with \`@transaction.atomic\`${sideNote(deferred.edits.length)}`, applicability: 'unsafe', edits } };
  }
  const deferred = deferSideEffects(region.stmts, body, tx.name, bindings);
  if (deferred.why) return { fix: null, why: deferred.why };
  const wrap = wrapInWith(text, region.stmts, tx.name, deferred.edits);
  if (!wrap) return { fix: null };
  return {
    fix: {
      title: `Run the writes in one \`with ${tx.name}.atomic():\` block${sideNote(deferred.edits.length)}`,
      applicability: 'unsafe',
      edits: [wrap, ...(tx.edit ? [tx.edit] : [])],
    },
  };
}
