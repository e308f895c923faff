import { defineRule } from '../../engine/types';
import { python } from './python';

export default defineRule({
  id: 'payment-id-not-unique',
  family: 'performance-operations',
  severity: 'warning',
  languages: ['python'],
  fix: { availability: 'sometimes', maxApplicability: 'unsafe', title: 'Add `unique=True`' },
  python,
  docs: `## What it does
Flags a Django model field that holds a payment provider's id or an idempotency key but is not unique.

Fields named like a payment's provider id (\`stripe_payment_intent_id\`, \`payment_intent\`,
\`stripe_charge_id\`, \`stripe_checkout_session_id\`, \`paypal_order_id\`, \`razorpay_payment_id\`,
other \`<provider>_<payment|charge|refund|transfer|payout|event...>_id\` names), the model's own
provider id (\`Invoice.stripe_invoice_id\`, \`Subscription.stripe_subscription_id\`), and
\`idempotency_key\` fields, when the field is a \`CharField\` / \`TextField\` / \`SlugField\` /
\`UUIDField\` of \`django.db.models\` (any import form) with no \`unique=\`, no \`primary_key=True\`,
and the module has no \`unique_together\` or \`UniqueConstraint(fields=[...])\` naming it.

Not flagged: \`ForeignKey\` / \`OneToOneField\` relations, ids of shared objects
(\`stripe_customer_id\`, \`stripe_price_id\`, \`payment_method\`), ids that child or log records
repeat (\`Refund.stripe_charge_id\`, \`PaymentAttempt.payment_intent_id\`, \`WebhookLog\`),
an explicit \`unique=False\`, migrations, test code.

## Why is this bad?
Payment code is retried: a double-clicked checkout, a client retry after a timeout, Stripe
delivering the same webhook again. Without a unique index the second attempt inserts a second
row for the same payment intent: the order is fulfilled twice, a ticket is issued twice, a
refund is booked twice. The database is the only place that can refuse the duplicate under
concurrency (a check in Python first races), and it does so only with a unique constraint;
with one, \`get_or_create\` / \`update_or_create\` on the id is safe and a duplicate raises
\`IntegrityError\` instead of being stored.

## Example
\`\`\`python
from django.db import models


class Payment(models.Model):
    order = models.ForeignKey("shop.Order", on_delete=models.PROTECT)
    stripe_payment_intent_id = models.CharField(max_length=255)
    amount_cents = models.PositiveIntegerField()
\`\`\`

## Use instead
\`\`\`python
from django.db import models


class Payment(models.Model):
    order = models.ForeignKey("shop.Order", on_delete=models.PROTECT)
    stripe_payment_intent_id = models.CharField(max_length=255, unique=True)
    amount_cents = models.PositiveIntegerField()
\`\`\`

## Fix safety
Unsafe: the fix adds \`unique=True\` to the field; the database changes only after
\`python manage.py makemigrations\` and \`migrate\`, and that migration fails while duplicate values
exist (find them first: \`Payment.objects.values("stripe_payment_intent_id").annotate(n=Count("id")).filter(n__gt=1)\`).
Code that stored a second row for the same id now gets an \`IntegrityError\`. \`unique=True\` with
\`null=True\` is fine: NULLs never collide. A \`CharField\` without \`null=True\` that may be empty
(\`blank=True\` or \`default=""\`) gets no automatic fix: its empty rows all hold \`""\` and would
collide, so the message asks to store NULL for "no id yet" first (\`null=True\` and a data
migration from \`""\` to NULL), then add \`unique=True\`.

## How to verify
Run \`makemigrations\` and \`migrate\`, then create two rows with the same id (or deliver the same
webhook twice): the second raises \`IntegrityError\` (\`duplicate key value violates unique
constraint\`). \`shipguard scan\` no longer reports the field.

## References
- Django documentation: Model field reference, \`Field.unique\`; \`Meta.constraints\` / \`UniqueConstraint\`
- Stripe documentation: Idempotent requests; Webhooks, "Handle duplicate events"
`,
});
