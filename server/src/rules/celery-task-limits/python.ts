/**
 * celery-task-limits, Python.
 *
 * Celery configuration that keeps stored results forever (`result_expires` set to `None` or
 * `0`), or a hard `task_time_limit` with no `task_soft_time_limit`, in the places Celery
 * reads it:
 *
 *   app.conf.update(result_backend=..., task_time_limit=...)   keyword arguments
 *   app = Celery("proj", backend="redis://...")                the constructor (then `app.conf.*`)
 *   CELERY_RESULT_BACKEND = ... / CELERY_TASK_TIME_LIMIT = ...  Django settings (namespace CELERY)
 *   result_backend = ... / task_time_limit = ...               a `celeryconfig.py` module
 *
 * A soft limit counts as present when the same module sets it in any of these forms (or the
 * legacy name `CELERYD_TASK_SOFT_TIME_LIMIT`). A backend with no `result_expires` at all is
 * not flagged: Celery's default expires results after a day (Redis and the other key-value
 * backends by a TTL, the database backends by beat's `celery.backend_cleanup`).
 */
import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { keywordArg, hasKwargsSplat, stringValue } from '../../lang/python/ast';
import { celeryLimitFix, type Missing } from '../../../../codemods/python/celery-task-limits';

const EXPIRES_NAMES = new Set(['result_expires', 'CELERY_RESULT_EXPIRES', 'CELERY_TASK_RESULT_EXPIRES']);
const NEVER_MESSAGE = 'Celery results are kept forever (`result_expires` set to never expire): the backend stores every task result until it fills up';
const SOFT = /\b(task_soft_time_limit|CELERY_TASK_SOFT_TIME_LIMIT|CELERYD_TASK_SOFT_TIME_LIMIT|soft_time_limit)\b/;

/** `None` or `0`: results never expire. */
function never(v: Node | null | undefined): boolean {
  return !!v && (v.type === 'none' || (v.type === 'integer' && Number(v.text) === 0));
}

function disabled(v: Node | null | undefined): boolean {
  if (!v) return true;
  if (v.type === 'none') return true;
  const s = stringValue(v);
  return s !== null && (s === '' || s === 'disabled');
}

function isCeleryConfigModule(path: string): boolean {
  return /(^|[\\/])(celeryconfig|celery_config|celery_settings)\.py$/.test(path);
}

function report(ctx: PyContext, node: Node, missing: Missing, message: string): void {
  ctx.report({ node, message, fixes: () => [celeryLimitFix(ctx, node, missing)] });
}

export const python: PyDetector = {
  nodeTypes: ['call', 'assignment'],
  requires: /result_expires|RESULT_EXPIRES|task_time_limit|TASK_TIME_LIMIT/,
  visit(node: Node, ctx: PyContext) {
    const text = ctx.file.text;
    if (node.type === 'call') {
      const f = node.childForFieldName('function');
      if (f?.type === 'attribute' && f.childForFieldName('attribute')?.text === 'update' && /\.conf$/.test(f.childForFieldName('object')?.text ?? '')) {
        if (hasKwargsSplat(node)) return;
        const expires = keywordArg(node, 'result_expires') ?? keywordArg(node, 'CELERY_RESULT_EXPIRES');
        const backend = keywordArg(node, 'result_backend') ?? keywordArg(node, 'CELERY_RESULT_BACKEND');
        if (never(expires) && !(backend && disabled(backend))) report(ctx, expires!, { kind: 'expires', value: expires! }, NEVER_MESSAGE);
        const hard = keywordArg(node, 'task_time_limit') ?? keywordArg(node, 'CELERY_TASK_TIME_LIMIT');
        if (hard && !SOFT.test(text)) report(ctx, node, { kind: 'soft', style: 'kwarg', hard }, 'A hard `task_time_limit` without `task_soft_time_limit`: the worker process is killed mid-task with no chance to clean up or log');
        return;
      }
      return;
    }
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right) return;
    // `app.conf.result_expires = None`, in a module or an app factory
    if (left.type === 'attribute' && left.childForFieldName('attribute')?.text === 'result_expires' && /\.conf$/.test(left.childForFieldName('object')?.text ?? '')) {
      if (never(right)) report(ctx, right, { kind: 'expires', value: right }, NEVER_MESSAGE);
      return;
    }
    // module-level settings: `CELERY_RESULT_EXPIRES = None`, celeryconfig `result_expires = None`
    if (node.parent?.type !== 'expression_statement' || node.parent.parent?.type !== 'module') return;
    if (left.type !== 'identifier') return;
    const name = left.text;
    // lowercase settings are Celery's only in a config module: named so, or one that sets `broker_url`
    const lower = isCeleryConfigModule(ctx.file.path) || /^broker_url\s*=/m.test(text);
    if (EXPIRES_NAMES.has(name) && (lower || name !== 'result_expires') && never(right)) report(ctx, right, { kind: 'expires', value: right }, NEVER_MESSAGE);
    if ((name === 'CELERY_TASK_TIME_LIMIT' || name === 'CELERYD_TASK_TIME_LIMIT' || (lower && name === 'task_time_limit')) && !SOFT.test(text)) {
      report(ctx, node, { kind: 'soft', style: name === 'task_time_limit' ? 'lower' : name.startsWith('CELERYD_') ? 'legacy' : 'upper', hard: right }, 'A hard task time limit without a soft one: the worker process is killed mid-task with no chance to clean up or log');
    }
  },
};
