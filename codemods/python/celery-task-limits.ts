/**
 * Codemod: the Celery setting that is missing, next to the ones that are there, in their style,
 * or the expiry that was switched off set back to Celery's default.
 *
 *   app.conf.update(task_time_limit=300)            -> ..., task_soft_time_limit=270)
 *   task_time_limit = 10 * 60   (celeryconfig.py)   -> a line after it: task_soft_time_limit = int(10 * 60 * 0.9)
 *   CELERY_RESULT_EXPIRES = None                    -> CELERY_RESULT_EXPIRES = 86400
 *
 * The soft limit is 90% of the hard one, so tasks get `SoftTimeLimitExceeded` and a moment to
 * clean up before the process is killed. An expiry of `None` / `0` becomes Celery's own
 * default, a day; that is unsafe, as the app may read results later than that.
 */
import type { Node } from '../../server/src/lang/python/tree';
import type { Fix, PyContext } from '../../server/src/engine/types';
import type { TextEdit } from '../../server/src/text/edits';
import { detectEol } from '../../server/src/text/positions';
import { indentAt, statementOf } from '../../server/src/lang/python/ast';
import { addArgument } from '../../server/src/lang/python/edits';

export type Missing =
  | { kind: 'expires'; value: Node }
  | { kind: 'soft'; style: 'kwarg' | 'upper' | 'lower' | 'legacy'; hard: Node };

/** Celery's default `result_expires`: one day. */
const EXPIRES_SECONDS = '86400';

function softValue(hard: Node): string {
  // `300`, `30 * 60`: a constant the reader can check at a glance
  if (/^\d+(\s*\*\s*\d+)*$/.test(hard.text)) return String(Math.floor(hard.text.split('*').reduce((a, b) => a * Number(b.trim()), 1) * 0.9));
  const simple = hard.type === 'identifier' || hard.type === 'attribute' || hard.type === 'call' || hard.type === 'subscript' || hard.type === 'parenthesized_expression';
  return `int(${simple || hard.type === 'binary_operator' ? hard.text : `(${hard.text})`} * 0.9)`;
}

function lineAfter(ctx: PyContext, node: Node, line: string): TextEdit {
  const text = ctx.file.text;
  const stmt = statementOf(node);
  // after a trailing comment on the same line, not before it
  let end = stmt.endIndex;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return { start: end, end, newText: `${detectEol(text)}${indentAt(text, stmt.startIndex)}${line}` };
}

export function celeryLimitFix(ctx: PyContext, node: Node, missing: Missing): Fix | null {
  const text = ctx.file.text;
  if (missing.kind === 'expires') {
    const v = missing.value;
    return {
      title: `Expire stored results after a day, Celery's default (\`${EXPIRES_SECONDS}\`)`,
      applicability: 'unsafe',
      edits: [{ start: v.startIndex, end: v.endIndex, newText: EXPIRES_SECONDS }],
    };
  }
  let soft = softValue(missing.hard);
  // `CELERY_TASK_TIME_LIMIT = get_int_from_env(...)`: name the setting rather than read the environment twice
  const target = missing.style !== 'kwarg' && missing.hard.parent?.type === 'assignment' ? missing.hard.parent.childForFieldName('left') : null;
  if (target?.type === 'identifier' && soft.startsWith('int(')) soft = `int(${target.text} * 0.9)`;
  const name = missing.style === 'upper' ? 'CELERY_TASK_SOFT_TIME_LIMIT' : missing.style === 'legacy' ? 'CELERYD_TASK_SOFT_TIME_LIMIT' : 'task_soft_time_limit';
  const title = `Add a soft time limit at 90% of the hard one (\`${name}\`)`;
  if (missing.style === 'kwarg') return { title, applicability: 'safe', edits: addArgument(text, node, `task_soft_time_limit=${soft}`, ctx.file.path) };
  return { title, applicability: 'safe', edits: [lineAfter(ctx, node, `${name} = ${soft}`)] };
}
