import { defineRule } from '../../engine/types';
import { python } from './python';

export default defineRule({
  id: 'celery-task-limits',
  family: 'error-handling',
  severity: 'warning',
  languages: ['python'],
  fix: { availability: 'sometimes', maxApplicability: 'safe', title: 'Add the missing Celery setting' },
  python,
  docs: `## What it does
Flags Celery configuration that stores task results without \`result_expires\`, or sets a hard \`task_time_limit\` without a \`task_soft_time_limit\`.

## Why is this bad?
With a result backend, every task's return value (and every failure's traceback) is
written to Redis or the database. Without an expiry that beat's cleanup or Redis' TTL can
act on, the store grows with every task until Redis evicts keys you need or runs out of
memory, or the results table becomes the biggest one in the database.

A hard time limit kills the worker process (SIGKILL) when it is reached: no \`finally\`
block runs, no log line says which task died, locks and temporary files stay behind, and
the task is lost or redelivered half done. A soft limit a little below it raises
\`SoftTimeLimitExceeded\` inside the task first, so it can clean up and report.

Configuration is read where Celery reads it: \`app.conf.update(...)\` keyword arguments,
\`Celery(..., backend=...)\`, Django settings with the \`CELERY_\` namespace
(\`CELERY_RESULT_BACKEND\`, \`CELERY_TASK_TIME_LIMIT\`) and \`celeryconfig.py\` modules. A
setting counts as present when the module sets it in any form (also the legacy
\`CELERY_TASK_RESULT_EXPIRES\` / \`CELERYD_TASK_SOFT_TIME_LIMIT\`). A disabled backend
(\`None\`, \`"disabled"\`) is not flagged.

## Example
\`\`\`python
import os

from celery import Celery

app = Celery("shop")
app.conf.update(
    broker_url=os.environ["REDIS_URL"],
    result_backend=os.environ["REDIS_URL"],
    result_expires=3600,
    task_time_limit=300,
)
\`\`\`

## Use instead
\`\`\`python
import os

from celery import Celery

app = Celery("shop")
app.conf.update(
    broker_url=os.environ["REDIS_URL"],
    result_backend=os.environ["REDIS_URL"],
    result_expires=3600,
    task_time_limit=300,
    task_soft_time_limit=270,
)
\`\`\`

## Fix safety
Safe: the missing setting is added next to the existing ones in the same form (a keyword
argument, \`app.conf.result_expires = ...\` after the app, a \`CELERY_...\` or lowercase
module setting on the next line). Results then expire after an hour
(\`result_expires=3600\`; lengthen it if the app reads results later than that). The soft
limit is 90% of the hard one, so a task that overruns gets \`SoftTimeLimitExceeded\` and a
moment to clean up; the hard limit still applies.

## How to verify
\`celery -A <app> inspect conf\` (or \`app.conf.result_expires\` / \`app.conf.task_soft_time_limit\`
in a shell) shows the new values; a task that sleeps past the soft limit logs
\`SoftTimeLimitExceeded\`.

## References
- Celery: \`result_expires\` (https://docs.celeryq.dev/en/stable/userguide/configuration.html#result-expires)
- Celery: time limits (https://docs.celeryq.dev/en/stable/userguide/workers.html#time-limits)
`,
});
