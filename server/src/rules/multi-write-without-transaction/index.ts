import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'multi-write-without-transaction',
  family: 'locking',
  severity: 'warning',
  languages: ['python', 'javascript', 'typescript'],
  fix: { availability: 'sometimes', maxApplicability: 'unsafe', title: 'Run the writes in one transaction, side effects after the commit' },
  python,
  js,
  docs: `## What it does
Flags a request handler, service or task that writes two or more rows that belong together outside a transaction.

It looks for several \`.save()\` / \`Model.objects.create()\` / \`.update()\` / \`.delete()\` / \`bulk_create\`
calls (also a related manager's \`create\`, a serializer's or model form's \`save()\`), or Prisma
\`create\` / \`update\` / \`upsert\` / \`delete\` / \`createMany\` calls, outside \`transaction.atomic\` /
\`$transaction\`. Also flags writes before and after an external side effect (an HTTP call, a Stripe call, an
e-mail, an S3 upload, a Celery task): when the side effect or the later write fails, the earlier writes stay.

## Why is this bad?
In Django's default autocommit mode (and for every Prisma call outside \`$transaction\`) each write commits on
its own. When the second write fails (an \`IntegrityError\`, a validation error, a timeout, a deploy killing the
worker), the first stays: an order without its lines, stock taken for an order that does not exist, a user
without a profile. Nobody notices until the data is inconsistent in production.

Repeated saves of one object count as one write; a write inside a loop counts as many. The rule looks at
request handlers (views, DRF views and viewsets, serializers' \`create\` / \`update\`, Express and Next.js
route handlers), service modules, Celery / RQ tasks and management commands. It is silent for writes inside
\`@transaction.atomic\` / \`with transaction.atomic():\` (also through aliases such as \`from
django.db.transaction import atomic\`) or \`$transaction\`, for functions called from an atomic block of the
same module, for management commands of a module that already opens atomic blocks, for test code and
migrations, and for request handlers and services of a Django project whose settings set
\`ATOMIC_REQUESTS = True\` (every request already runs in one transaction). It is also silent for
deletions only with no return between them (a cleanup a re-run completes), for one write repeated over
independent rows in a loop (each row stands alone; a re-run writes the rest), and for functions that lock
rows with \`select_for_update\` (Django refuses that outside a transaction, so their callers hold one).

## Example
\`\`\`python
def place_order(request):
    order = Order.objects.create(customer=request.user, total=cart.total)
    for item in cart.items:
        OrderLine.objects.create(order=order, product=item.product, quantity=item.quantity)
        Product.objects.filter(pk=item.product.pk).update(stock=F("stock") - item.quantity)
    send_mail("Order received", body, None, [request.user.email])
    return redirect("order-detail", pk=order.pk)
\`\`\`

## Use instead
\`\`\`python
from django.db import transaction

@transaction.atomic
def place_order(request):
    order = Order.objects.create(customer=request.user, total=cart.total)
    for item in cart.items:
        OrderLine.objects.create(order=order, product=item.product, quantity=item.quantity)
        Product.objects.filter(pk=item.product.pk).update(stock=F("stock") - item.quantity)
    transaction.on_commit(lambda: send_mail("Order received", body, None, [request.user.email]))
    return redirect("order-detail", pk=order.pk)
\`\`\`

With Prisma the writes run in an interactive transaction, the client renamed to \`tx\` inside, and side
effects run after it resolves:

\`\`\`ts
await prisma.$transaction(async (tx) => {
  const order = await tx.order.create({ data: { userId, total } });
  await tx.orderLine.createMany({ data: lines.map((l) => ({ ...l, orderId: order.id })) });
});
\`\`\`

## Fix safety
Unsafe. The Python fix wraps the smallest run of statements holding the writes in \`with
transaction.atomic():\` (or adds \`@transaction.atomic\` directly above the \`def\`, below route and task
decorators, when the writes are the function's whole work), so the transaction is held briefly; side effects
inside it become \`transaction.on_commit(lambda: ...)\`, run after the commit and never for a rolled-back
write, and the fix title says so. The Prisma fix moves the writes into \`await prisma.$transaction(async (tx)
=> { ... })\` and queues side effects until the transaction resolves. When a side effect cannot wait for the
commit (its result is used by a later write, it is awaited for its value, it runs in a loop), or the function
is \`async\` (Django's \`atomic\` does not support coroutines), no fix is offered and the finding says why:
decide there whether the side effect needs an idempotency key or a compensating action. Review that the code
between the writes does not rely on seeing them committed (another connection, a subprocess).

## How to verify
Make the second write fail (raise inside it, or violate a unique constraint) against a real database: before
the fix the first row stays committed, after it neither is there. Side effects moved to \`on_commit\` run only
once the transaction commits (\`TestCase.captureOnCommitCallbacks\` in Django tests).

## References
- Django: Controlling transactions explicitly (https://docs.djangoproject.com/en/stable/topics/db/transactions/#controlling-transactions-explicitly)
- Django: Performing actions after commit (https://docs.djangoproject.com/en/stable/topics/db/transactions/#performing-actions-after-commit)
- Prisma: Interactive transactions (https://www.prisma.io/docs/orm/prisma-client/queries/transactions#interactive-transactions)
`,
});
