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
Flags Celery configuration that keeps stored results forever (\`result_expires\` set to \`None\` or \`0\`), or sets a hard \`task_time_limit\` without a \`task_soft_time_limit\`.

## Why is this bad?
With a result backend, every task's return value (and every failure's traceback) is
written to Redis or the database. With expiry switched off, the store grows with every
task until Redis evicts keys you need or runs out of memory, or the results table becomes
the biggest one in the database.

A hard time limit kills the worker process (SIGKILL) when it is reached: no \`finally\`
block runs, no log line says which task died, locks and temporary files stay behind, and
the task is lost or redelivered half done. A soft limit a little below it raises
\`SoftTimeLimitExceeded\` inside the task first, so it can clean up and report.

Configuration is read where Celery reads it: \`app.conf.update(...)\` keyword arguments,
\`app.conf.result_expires = ...\`, Django settings with the \`CELERY_\` namespace
(\`CELERY_RESULT_EXPIRES\`, the legacy \`CELERY_TASK_RESULT_EXPIRES\`,
\`CELERY_TASK_TIME_LIMIT\`) and \`celeryconfig.py\` modules. A soft limit counts as present
when the module sets it in any form (also the legacy \`CELERYD_TASK_SOFT_TIME_LIMIT\`).

Not flagged: a result backend with no \`result_expires\` at all. Celery's default expires
results after one day: Redis and the other key-value backends through a TTL on each key, the
database backends through \`celery.backend_cleanup\`, which beat schedules on its own. Setting
an expiry there would only change a lifetime the app may rely on.

## Example
\`\`\`python
import os

from celery import Celery

app = Celery("shop")
app.conf.update(
    broker_url=os.environ["REDIS_URL"],
    result_backend=os.environ["REDIS_URL"],
    result_expires=None,
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
    result_expires=86400,
    task_time_limit=300,
    task_soft_time_limit=270,
)
\`\`\`

## Fix safety
The soft limit is safe: it is added next to the hard one in the same form (a keyword
argument, a \`CELERY_...\` or lowercase module setting on the next line), at 90% of the hard
one, so a task that overruns gets \`SoftTimeLimitExceeded\` and a moment to clean up; the
hard limit still applies. An expiry of \`None\` / \`0\` becomes Celery's default, one day
(\`86400\`): unsafe, because the app may read results later than that; lengthen it if so.

## How to verify
\`celery -A <app> inspect conf\` (or \`app.conf.result_expires\` / \`app.conf.task_soft_time_limit\`
in a shell) shows the new values; a task that sleeps past the soft limit logs
\`SoftTimeLimitExceeded\`.

## References
- Celery: \`result_expires\` (https://docs.celeryq.dev/en/stable/userguide/configuration.html#result-expires)
- Celery: time limits (https://docs.celeryq.dev/en/stable/userguide/workers.html#time-limits)
`,
});
