import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'race-read-check-write',
  family: 'locking',
  severity: 'error',
  languages: ['python', 'javascript', 'typescript'],
  fix: { availability: 'sometimes', maxApplicability: 'unsafe', title: 'Lock the row and make the function atomic' },
  python,
  js,
  docs: `## What it does
Flags a function that reads a row, tests its fields and writes the same row back without a row lock.

## Why is this bad?
Two requests that arrive together both read the row before either writes it. Both see
\`available_tickets >= quantity\`, both pass the check, both save: the event is oversold, a coupon is
redeemed twice, a balance goes negative. \`transaction.atomic\` alone does not help: PostgreSQL and
MySQL run at READ COMMITTED, so a plain \`SELECT\` inside a transaction still reads the old value.
Only a row lock (\`SELECT ... FOR UPDATE\`) makes the second request wait until the first commits and
then read the new value.

The rule follows the row through assignments (\`qs = Event.objects.filter(...)\`, \`qs.first()\`,
\`event = order.event\`), \`get_object_or_404\`, and locals computed from its fields
(\`remaining = event.capacity - event.sold\`). It stays silent when the read already uses
\`select_for_update()\`, when the write is a conditional update (\`filter(id=..., sold__lt=...).update(...)\`)
or writes only \`F()\` expressions, and when nothing is checked between the read and the write.

In JavaScript and TypeScript the rule matches Prisma through any client (\`new PrismaClient()\`
bindings, typed parameters, the \`prisma\` singleton): \`findUnique\` / \`findFirst\` (and \`...OrThrow\`),
a condition on the row's fields, then \`update\` / \`updateMany\` / \`upsert\` / \`delete\` of that row.
It is silent inside \`prisma.$transaction\`, for conditional updates (a \`where\` that re-checks the
value, e.g. \`{ id, stock: { gte: qty } }\`) and for \`{ increment }\` / \`{ decrement }\` writes.

## Example
\`\`\`python
from django.core.exceptions import ValidationError

def buy_tickets(event_id, quantity):
    event = Event.objects.get(id=event_id)
    if event.tickets_sold + quantity > event.capacity:
        raise ValidationError("Not enough tickets available")
    event.tickets_sold += quantity
    event.save()
\`\`\`

## Use instead
\`\`\`python
from django.core.exceptions import ValidationError
from django.db import transaction

@transaction.atomic
def buy_tickets(event_id, quantity):
    event = Event.objects.select_for_update().get(id=event_id)
    if event.tickets_sold + quantity > event.capacity:
        raise ValidationError("Not enough tickets available")
    event.tickets_sold += quantity
    event.save()
\`\`\`

In Prisma:
\`\`\`ts
await prisma.$transaction(async (tx) => {
  const event = await tx.event.findUniqueOrThrow({ where: { id } });
  if (event.sold + qty > event.capacity) throw new Error('sold out');
  await tx.event.update({ where: { id }, data: { sold: event.sold + qty } });
}, { isolationLevel: 'Serializable' });
\`\`\`

## Fix safety
Unsafe: the fix adds \`.select_for_update()\` to the read and \`@transaction.atomic\` directly above the
\`def\` (below route, view, permission and task decorators), merging \`transaction\` into an existing
\`from django.db import ...\`. Locking changes behaviour: concurrent requests for the same row now wait
for each other, the whole function runs in one transaction (an exception rolls back all of its
writes), and a long function holds the lock longer. Reads reached through a related object
(\`order.event\`) and \`async\` functions (\`atomic\` does not support them) get no automatic fix.

In Prisma the fix wraps the statements from the read to the end of the function in
\`prisma.$transaction(async (tx) => { ... }, { isolationLevel: 'Serializable' })\`, renaming the client to
\`tx\` inside (and \`return await\` when the region returns). Prisma's default isolation (READ COMMITTED
on PostgreSQL) would not stop two transactions from passing the check; at Serializable one of them is
aborted with Prisma error \`P2034\`, which the caller should retry or answer with 409. The fix is offered
when the read is a statement of an \`async\` function's body.

## How to verify
Start N threads that each call the function with their own database connection against PostgreSQL,
for a row whose capacity is smaller than N: before the fix more than capacity succeed; after it exactly
capacity succeed. \`npm run test:behaviour\` runs this test against the codemod's output.

## References
- Django: select_for_update (https://docs.djangoproject.com/en/stable/ref/models/querysets/#select-for-update)
- Django: Controlling transactions explicitly (https://docs.djangoproject.com/en/stable/topics/db/transactions/)
- PostgreSQL: Explicit locking, row-level locks
`,
});
