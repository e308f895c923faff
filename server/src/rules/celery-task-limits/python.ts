/**
 * celery-task-limits, Python.
 *
 * Celery configuration with a result backend and no `result_expires`, or a hard
 * `task_time_limit` with no `task_soft_time_limit`, in the three places Celery reads it:
 *
 *   app.conf.update(result_backend=..., task_time_limit=...)   keyword arguments
 *   app = Celery("proj", backend="redis://...")                the constructor (then `app.conf.*`)
 *   CELERY_RESULT_BACKEND = ... / CELERY_TASK_TIME_LIMIT = ...  Django settings (namespace CELERY)
 *   result_backend = ... / task_time_limit = ...               a `celeryconfig.py` module
 *
 * A setting counts as present when the same module sets it in any of these forms (or the
 * legacy names `CELERY_TASK_RESULT_EXPIRES`, `CELERYD_TASK_SOFT_TIME_LIMIT`). A backend
 * that is disabled (`None`, `""`, `"disabled"`) needs no expiry.
 */
import type { Node } from '../../lang/python/tree';
import type { PyContext, PyDetector } from '../../engine/types';
import { keywordArg, hasKwargsSplat, stringValue } from '../../lang/python/ast';
import { celeryLimitFix, type Missing } from '../../../../codemods/python/celery-task-limits';

const EXPIRES = /\b(result_expires|CELERY_RESULT_EXPIRES|CELERY_TASK_RESULT_EXPIRES)\b/;
const SOFT = /\b(task_soft_time_limit|CELERY_TASK_SOFT_TIME_LIMIT|CELERYD_TASK_SOFT_TIME_LIMIT|soft_time_limit)\b/;

function disabled(v: Node | null | undefined): boolean {
  if (!v) return true;
  if (v.type === 'none') return true;
  const s = stringValue(v);
  return s !== null && (s === '' || s === 'disabled');
}

function isCeleryConfigModule(path: string): boolean {
  return /(^|[\\/])(celeryconfig|celery_config|celery_settings)\.py$/.test(path);
}

/** A Celery app: `Celery(...)` resolved through imports (`from celery import Celery`, `celery.Celery`). */
function isCeleryCall(call: Node, ctx: PyContext): boolean {
  const q = ctx.bindings.resolve(call.childForFieldName('function'));
  return q === 'celery.Celery' || q === 'celery.app.Celery' || q === 'celery.app.base.Celery';
}

function report(ctx: PyContext, node: Node, missing: Missing, message: string): void {
  ctx.report({ node, message, fixes: () => [celeryLimitFix(ctx, node, missing)] });
}

export const python: PyDetector = {
  nodeTypes: ['call', 'assignment'],
  requires: /result_backend|RESULT_BACKEND|task_time_limit|TASK_TIME_LIMIT|backend=/,
  visit(node: Node, ctx: PyContext) {
    const text = ctx.file.text;
    if (node.type === 'call') {
      const f = node.childForFieldName('function');
      if (f?.type === 'attribute' && f.childForFieldName('attribute')?.text === 'update' && /\.conf$/.test(f.childForFieldName('object')?.text ?? '')) {
        if (hasKwargsSplat(node)) return;
        const backend = keywordArg(node, 'result_backend') ?? keywordArg(node, 'CELERY_RESULT_BACKEND');
        if (backend && !disabled(backend) && !EXPIRES.test(text)) report(ctx, node, { kind: 'expires', style: 'kwarg' }, 'Celery results are stored with no `result_expires`: the backend keeps every task result until it fills up');
        const hard = keywordArg(node, 'task_time_limit') ?? keywordArg(node, 'CELERY_TASK_TIME_LIMIT');
        if (hard && !SOFT.test(text)) report(ctx, node, { kind: 'soft', style: 'kwarg', hard }, 'A hard `task_time_limit` without `task_soft_time_limit`: the worker process is killed mid-task with no chance to clean up or log');
        return;
      }
      if (!/Celery/.test(f?.text ?? '') || !isCeleryCall(node, ctx)) return;
      const backend = keywordArg(node, 'backend') ?? keywordArg(node, 'result_backend');
      if (backend && !disabled(backend) && !EXPIRES.test(text)) report(ctx, node, { kind: 'expires', style: 'app' }, 'This Celery app stores results with no `result_expires`: the backend keeps every task result until it fills up');
      return;
    }
    // module-level settings: `CELERY_RESULT_BACKEND = ...`, celeryconfig `result_backend = ...`
    if (node.parent?.type !== 'expression_statement' || node.parent.parent?.type !== 'module') return;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (left?.type !== 'identifier' || !right) return;
    const name = left.text;
    // lowercase settings are Celery's only in a config module: named so, or one that sets `broker_url`
    const lower = isCeleryConfigModule(ctx.file.path) || /^broker_url\s*=/m.test(text);
    if ((name === 'CELERY_RESULT_BACKEND' || (lower && name === 'result_backend')) && !disabled(right) && !EXPIRES.test(text)) {
      report(ctx, node, { kind: 'expires', style: name === 'result_backend' ? 'lower' : 'upper' }, 'Celery results are stored with no result expiry setting: the backend keeps every task result until it fills up');
    }
    if ((name === 'CELERY_TASK_TIME_LIMIT' || name === 'CELERYD_TASK_TIME_LIMIT' || (lower && name === 'task_time_limit')) && !SOFT.test(text)) {
      report(ctx, node, { kind: 'soft', style: name === 'task_time_limit' ? 'lower' : name.startsWith('CELERYD_') ? 'legacy' : 'upper', hard: right }, 'A hard task time limit without a soft one: the worker process is killed mid-task with no chance to clean up or log');
    }
  },
};
