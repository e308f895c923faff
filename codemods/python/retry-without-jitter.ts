/**
 * Codemod: random jitter on an exponential Celery retry countdown.
 *
 *   raise self.retry(exc=exc, countdown=2 ** self.request.retries)
 *   -> raise self.retry(exc=exc, countdown=2 ** self.request.retries * random.uniform(1, 1.5))
 *   delay = 60 * 2 ** self.request.retries + 5
 *   -> delay = (60 * 2 ** self.request.retries + 5) * random.uniform(1, 1.5)
 *
 * The backoff is stretched by up to half of itself, never shortened, so no retry comes
 * sooner than before and retries of tasks that failed together spread out. `import random`
 * is added in the file's style (`from random import uniform` is reused when present).
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix, PyContext, TextEdit } from '../../server/src/engine/types';
import { ensureImport } from '../../server/src/lang/python/edits';

/** Expressions that need no parentheses before `* x`. */
const TIGHT = new Set(['identifier', 'attribute', 'call', 'parenthesized_expression', 'integer', 'float', 'subscript']);

export function jitterFix(ctx: PyContext, expr: Node): Fix | null {
  const text = ctx.file.text;
  const edits: TextEdit[] = [];
  let uniform = 'random.uniform';
  const imported = ctx.bindings.imports.get('uniform');
  if (imported === 'random.uniform') uniform = 'uniform';
  else {
    const mod = [...ctx.bindings.imports].find(([, q]) => q === 'random');
    if (mod) uniform = `${mod[0]}.uniform`;
    else {
      const imp = ensureImport(text, ctx.root, 'random');
      if (imp) edits.push(imp);
    }
  }
  // `2 ** n` binds tighter than `*`: no parentheses needed; `a + b`, `a - b`, `a << b` need them
  const needsParens = !TIGHT.has(expr.type) && !(expr.type === 'binary_operator' && /^(\*\*|\*)$/.test(expr.childForFieldName('operator')?.text ?? ''));
  if (needsParens) edits.push({ start: expr.startIndex, end: expr.startIndex, newText: '(' });
  edits.push({ start: expr.endIndex, end: expr.endIndex, newText: `${needsParens ? ')' : ''} * ${uniform}(1, 1.5)` });
  return { title: `Add random jitter to the countdown (\`* ${uniform}(1, 1.5)\`)`, applicability: 'safe', edits };
}
