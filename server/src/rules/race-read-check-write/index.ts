import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'race-read-check-write',
  family: 'locking',
  severity: 'error',
  languages: ['python', 'javascript', 'typescript'],
  fix: { availability: 'sometimes', maxApplicability: 'unsafe', title: 'Lock the row in a transaction around the read, check and write, or make the check a conditional update' },
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
(\`remaining = event.capacity - event.sold\`). A row reached through a relation of an object that was not
read here (\`wallet = instance.wallet\` in a signal handler) counts when it is moved by arithmetic
(\`wallet.balance -= amount\`) or written by a method of the project's model: \`wallet.withdraw(amount)\`,
where \`Wallet.withdraw\` (found in this file, the project modules it imports, or the app's \`models.py\`)
assigns fields and calls \`self.save()\`. It stays silent when the read already uses
\`select_for_update()\`, when the write is a conditional update (\`filter(id=..., sold__lt=...).update(...)\`)
or writes only \`F()\` expressions, when nothing is checked between the read and the write, and when the
write cannot be lost: it changes no field the check tested (\`if task.started: task.duration = now -
task.started\`), or every concurrent caller writes the same value under a guard that does nothing else
(\`if code.is_active: code.is_active = False\`, \`if not p.default: p.default = p.variants.first()\`,
"set if different").

In JavaScript and TypeScript the rule matches Prisma through any client (\`new PrismaClient()\`
bindings, typed parameters, the \`prisma\` singleton): \`findUnique\` / \`findFirst\` (and \`...OrThrow\`),
a condition on the row's fields, then \`update\` / \`updateMany\` / \`upsert\` / \`delete\` of that row.
It is silent inside \`prisma.$transaction\`, for conditional updates (a \`where\` that re-checks the
value, e.g. \`{ id, stock: { gte: qty } }\`) and for \`{ increment }\` / \`{ decrement }\` writes of
fields no check tests (a \`{ decrement: seats }\` of the \`remaining\` a check compared is still a race).

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
Unsafe. Two fixes, the first one preferred when it applies:

- **Conditional update** (no lock): when the check compares one field with a value and the write moves
  that field by an amount, the check and the write become one \`UPDATE\` the database checks:
  \`updated = Wallet.objects.filter(pk=wallet.pk, balance__gte=amount).update(balance=F("balance") - amount)\`
  followed by \`if not updated:\` and the original failure branch. \`save()\` is no longer called for that
  write (no \`pre_save\`/\`post_save\` signals, no \`auto_now\`); not offered when the field is read again
  after the write. Prisma: \`const { count } = await prisma.wallet.updateMany({ where: { id, balance: { gte: amount } },
  data: { balance: { decrement: amount } } })\` followed by \`if (count === 0)\` and the original failure
  branch; a read used only by the check goes (an \`...OrThrow\` read stays, unbound, for its not-found
  error), and a missing row now takes the failure branch. When the transaction fix applies and the
  module's unit tests (\`team.service.spec.ts\` beside it) mock Prisma with jest-mock-extended's
  \`mockDeep\` and never stub \`$transaction\`, the same fix adds
  \`mockPrisma.$transaction.mockImplementation(async (fn) => fn(mockPrisma));\` after their
  \`mockReset\`, so the suite still runs the code.
- **Row lock**: \`.select_for_update()\` in the read, and a transaction around the smallest run of
  statements holding the read, every database read the check depends on (a count of other rows is
  locked by reading them: \`len(M.objects.select_for_update().filter(...))\`), the check and the write.
  When that run is the function's work, \`@transaction.atomic\` goes directly above the \`def\` (below
  route, view, permission and task decorators); when the function does other work (loops, files, HTTP
  calls, \`close_old_connections()\`), the run is wrapped in \`with transaction.atomic():\` so the lock is held
  for it alone. Side effects inside the transaction (HTTP and Stripe calls, e-mail, publishing, Celery
  \`.delay()\`, file moves) become \`transaction.on_commit(lambda: ...)\`. No lock fix, and the finding says
  why, when a side effect cannot wait for the commit (its result is used, it runs in a loop), when
  connection management sits inside the run, for reads reached through a relation whose model the
  project's models do not tell (a known one is re-read locked:
  \`Event.objects.select_for_update().get(pk=order.event_id)\`) and for \`async\` functions (\`atomic\` does not support them). Locking changes behaviour: concurrent
  requests for the same row wait for each other, and an exception rolls back every write of the block.

In Prisma the fix wraps the region in
\`prisma.$transaction(async (tx) => { ... }, { isolationLevel: 'Serializable' })\`, renaming the client to
\`tx\` inside. The region starts at the earliest read the check depends on (a \`count\` of other rows read
before the row moves inside) and ends at the write; locals used afterwards are returned from the callback
(\`const updated = await prisma.$transaction(...)\`). When a \`return\` comes before the write, the region runs
to the end of the function (\`return await\`). Side effects left inside (\`publish\`, \`emit\`, \`fetch\`,
Stripe, e-mail) are queued with \`afterCommit.push(() => ...)\` and run once the transaction resolves.
Prisma's default isolation (READ COMMITTED on PostgreSQL) would not stop two transactions from passing the
check; at Serializable one of them is aborted with Prisma error \`P2034\`, which the caller should retry or
answer with 409. The fix is offered when the read is a statement of an \`async\` function's body. A delete
whose guard tests another lookup's result rather than the row (an orphan cleanup) is not flagged:
concurrent callers delete the same row.

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
