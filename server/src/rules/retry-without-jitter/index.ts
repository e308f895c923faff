import { defineRule } from '../../engine/types';
import { python } from './python';

export default defineRule({
  id: 'retry-without-jitter',
  family: 'error-handling',
  severity: 'warning',
  languages: ['python'],
  fix: { availability: 'always', maxApplicability: 'safe', title: 'Add random jitter to the retry countdown' },
  python,
  docs: `## What it does
Flags a Celery task that retries with an exponential countdown (\`countdown=2 ** self.request.retries\`) and no random jitter.

## Why is this bad?
When a dependency goes down, every task that called it fails within the same second. With
a deterministic backoff they all retry at the same instant, fail together again, and retry
together after 2, 4, 8, 16 seconds: synchronised waves that hit the recovering service at
full strength each time (the thundering herd), and can keep it down. Random jitter spreads
the retries out so the load arrives as a trickle.

Only bound tasks are looked at (\`@shared_task(bind=True)\`, \`@app.task(bind=True)\`, methods
of a \`Task\` subclass) calling \`self.retry(...)\`; the countdown may be computed in a local
first. A countdown that already draws a random number (\`random.uniform\`, \`randint\`, a
\`jitter\` helper) and a constant countdown are not flagged. Celery's own
\`autoretry_for\` with \`retry_backoff=True\` jitters by default (\`retry_jitter=True\`).

## Example
\`\`\`python
from celery import shared_task

@shared_task(bind=True, max_retries=5)
def sync_invoice(self, invoice_id):
    try:
        push_to_accounting(invoice_id)
    except ConnectionError as exc:
        raise self.retry(exc=exc, countdown=2 ** self.request.retries)
\`\`\`

## Use instead
\`\`\`python
import random

from celery import shared_task

@shared_task(bind=True, max_retries=5)
def sync_invoice(self, invoice_id):
    try:
        push_to_accounting(invoice_id)
    except ConnectionError as exc:
        raise self.retry(exc=exc, countdown=2 ** self.request.retries * random.uniform(1, 1.5))
\`\`\`

## Fix safety
Safe: the countdown is multiplied by \`random.uniform(1, 1.5)\`, so every retry still comes
at least as late as before (never sooner, the retry budget and \`max_retries\` are
unchanged) and at most half as late again. \`import random\` is added in the file's import
style; an existing \`from random import uniform\` or \`import random as ...\` is reused.

## How to verify
Make the task fail a few times (a test double that raises) and log the countdowns: they now
differ between runs of the same attempt number.

## References
- Celery: \`Task.retry\` and \`retry_jitter\` (https://docs.celeryq.dev/en/stable/userguide/tasks.html#retrying)
- AWS Architecture Blog: Exponential Backoff And Jitter
`,
});
