/**
 * retry-without-jitter, Python (Celery).
 *
 * `self.retry(countdown=<exponential backoff>)` in a bound Celery task where the
 * countdown grows with `self.request.retries` (`2 ** retries`, `60 * 2 ** retries`,
 * `pow(2, retries)`, `retries << 1`, `math.pow(...)`) and contains nothing random: every
 * task that failed in the same outage retries at the same instant, again and again, and
 * the recovering service is hit by synchronised waves (thundering herd).
 *
 * The countdown may be a local (`delay = 2 ** self.request.retries * 30`). Not flagged: a
 * countdown with `random` / `randint` / `uniform` / `jitter` in it, a constant countdown
 * (no herd growth to break), a `retry` that is not a Celery task's (`session.retry`).
 */
import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { keywordArg } from '../../lang/python/ast';
import { enclosingFunction, localValue } from '../../lang/python/django';
import { jitterFix } from '../../../../codemods/python/retry-without-jitter';

const RANDOM = /\b(random|randint|randrange|uniform|jitter|secrets|SystemRandom)\b/i;

/** `2 ** self.request.retries`-style growth: a power or shift of something that counts retries. */
function exponential(expr: Node): boolean {
  const text = expr.text;
  if (!/retries|attempt|retry_count|tries/.test(text)) return false;
  return /\*\*|<<|\bpow\(/.test(text);
}

/** A bound Celery task (`@shared_task(bind=True)`, `@app.task(bind=True)`) or a method of a Task subclass. */
function inCeleryTask(fn: Node): boolean {
  const p = fn.parent;
  if (p?.type === 'decorated_definition' && p.namedChildren.some((d) => d.type === 'decorator' && /\btask\b|shared_task|periodic_task/.test(d.text))) return true;
  let cls: Node | null = fn.parent;
  while (cls && cls.type !== 'class_definition') cls = cls.parent;
  return !!cls && /\bTask\b/.test(cls.childForFieldName('superclasses')?.text ?? '');
}

export const python: PyDetector = {
  nodeTypes: ['call'],
  requires: /\.retry\(/,
  visit(call: Node, ctx: PyContext) {
    const f = call.childForFieldName('function');
    if (f?.type !== 'attribute' || f.childForFieldName('attribute')?.text !== 'retry') return;
    const countdown = keywordArg(call, 'countdown');
    if (!countdown) return;
    const fn = enclosingFunction(call);
    if (!fn) return;
    const receiver = f.childForFieldName('object')?.text ?? '';
    const params = fn.childForFieldName('parameters')?.namedChildren ?? [];
    // a bound task retrying itself, or a helper handed the task (`celery_task.retry(...)` with a
    // countdown from `celery_task.request.retries`: only Celery tasks carry that)
    const ownTask = inCeleryTask(fn) && (receiver === 'self' || receiver === params[0]?.text);
    if (!ownTask && !(/^\w+$/.test(receiver) && new RegExp(`\\b${receiver}\\.request\\.retries\\b`).test(fn.text))) return;
    // the countdown, or the local it was computed in
    let expr: Node = countdown;
    if (countdown.type === 'identifier') {
      const v = localValue(fn, countdown.text, call.startIndex);
      if (!v) return;
      expr = v;
    }
    if (!exponential(expr) || RANDOM.test(expr.text)) return;
    ctx.report({
      node: call,
      start: countdown.parent!.startIndex,
      end: countdown.parent!.endIndex,
      message: 'Exponential retry countdown without jitter: tasks that failed together retry together, in synchronised waves against the recovering service',
      fixes: () => [jitterFix(ctx, expr)],
    });
  },
};
