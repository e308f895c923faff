import { defineRule } from '../../engine/types';
import { python } from './python';

export default defineRule({
  id: 'select-for-update-outside-atomic',
  family: 'locking',
  severity: 'error',
  languages: ['python'],
  fix: { availability: 'sometimes', maxApplicability: 'safe', title: 'Make the function atomic' },
  python,
  docs: `## What it does
Flags \`select_for_update()\` querysets evaluated in a function that does not run inside \`transaction.atomic\`.

## Why is this bad?
A row lock lives as long as its transaction. In Django's default autocommit mode every query is its
own transaction, so Django refuses to evaluate a \`select_for_update()\` queryset there and raises
\`TransactionManagementError: select_for_update cannot be used outside of a transaction\`. The code
meant to prevent a race crashes the request instead, usually only in production, because tests that
run inside \`TestCase\` transactions never see the error.

The rule looks for \`@transaction.atomic\` / \`@transaction.atomic()\` on the function (also through
aliases such as \`from django.db.transaction import atomic\`), \`with transaction.atomic():\` around
the query, and \`@method_decorator(transaction.atomic, name=...)\` on the class. A queryset that is
returned unevaluated (\`get_queryset\`, manager helpers) is the caller's business and is not flagged.

## Example
\`\`\`python
def reserve(event_id):
    event = Event.objects.select_for_update().get(id=event_id)
    event.reserved += 1
    event.save()
\`\`\`

## Use instead
\`\`\`python
from django.db import transaction

@transaction.atomic
def reserve(event_id):
    event = Event.objects.select_for_update().get(id=event_id)
    event.reserved += 1
    event.save()
\`\`\`

## Fix safety
Safe: the code cannot run as written (Django raises before the query), so wrapping the function in a
transaction only makes it work. The fix adds \`@transaction.atomic\` directly above the \`def\`, below
route, view and task decorators, and merges \`transaction\` into an existing \`from django.db import ...\`.
\`async\` functions get no fix: \`atomic\` does not support them (use \`sync_to_async\` around a
synchronous atomic helper).

## How to verify
Call the function outside a test transaction (\`TransactionTestCase\`, or a script against a real
database): before the fix it raises \`TransactionManagementError\`, after it the row is locked until the
function returns.

## References
- Django: select_for_update (https://docs.djangoproject.com/en/stable/ref/models/querysets/#select-for-update)
`,
});
