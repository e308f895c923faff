import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'webhook-event-dedup',
  family: 'idempotency',
  severity: 'warning',
  languages: ['python', 'javascript', 'typescript'],
  fix: {
    availability: 'sometimes',
    maxApplicability: 'unsafe',
    title: 'Record the event id in the table of processed events first and answer a replayed event without processing it',
  },
  python,
  js,
  docs: `## What it does
Flags verified Stripe webhook handlers that never look at the event id, so the same event delivered twice is processed twice.

A handler builds the event with \`stripe.Webhook.construct_event\` / \`stripe.webhooks.constructEvent\`
(or \`constructEventAsync\`, under any import alias or client instance) and acts on it: it hands
the event or data read from it to code that credits an account, marks an order paid, sends a
mail. It is flagged when nothing reads the event's id: \`event.id\`, \`event["id"]\`,
\`event.get("id")\`, a destructured \`{ id }\`. Handing the whole event to a helper of the same file
that reads its id counts as looking at it, and so does handing the event (or its id) to code in
another module, which may deduplicate there. Handlers that only log the event, and test code, are
not flagged.

## Why is this bad?
Stripe delivers events at least once: a delivery that timed out or answered 5xx is retried for up
to three days, and the same event can arrive twice even after a 200. \`stripe listen\`, the
dashboard's "Resend" button and a replayed signed request (within the signature's tolerance) do
the same. The signature proves the event is Stripe's, not that it is new: without remembering
which event ids were processed, a retry grants the credits, ships the order or sends the receipt
a second time.

## Example
\`\`\`python
def stripe_webhook(request):
    try:
        event = stripe.Webhook.construct_event(request.body, request.META["HTTP_STRIPE_SIGNATURE"], settings.STRIPE_WEBHOOK_SECRET)
    except (ValueError, stripe.error.SignatureVerificationError):
        return HttpResponse(status=400)
    if event["type"] == "checkout.session.completed":
        credit_account(event["data"]["object"])
    return HttpResponse(status=200)
\`\`\`

## Use instead
\`\`\`python
from .models import ProcessedEvent  # stripe_event_id = models.CharField(max_length=255, unique=True)

def stripe_webhook(request):
    try:
        event = stripe.Webhook.construct_event(request.body, request.META["HTTP_STRIPE_SIGNATURE"], settings.STRIPE_WEBHOOK_SECRET)
    except (ValueError, stripe.error.SignatureVerificationError):
        return HttpResponse(status=400)
    _, created = ProcessedEvent.objects.get_or_create(stripe_event_id=event["id"])
    if not created:
        return HttpResponse(status=200)  # this event was already processed
    if event["type"] == "checkout.session.completed":
        credit_account(event["data"]["object"])
    return HttpResponse(status=200)
\`\`\`

With Prisma, \`create\` the row in \`try\`/\`catch\` and answer 200 when the unique constraint
rejects it (\`P2002\`):
\`\`\`ts
try {
  await prisma.processedEvent.create({ data: { eventId: event.id } });
} catch (err) {
  if ((err as { code?: string }).code === "P2002") return res.json({ received: true });
  throw err;
}
\`\`\`

## Fix safety
Unsafe, and offered only where the project already has a table of processed events: a Django
model in a \`models.py\` with a unique \`event_id\` / \`stripe_event_id\`-like field (the fix uses
\`get_or_create\`, which is safe against two concurrent deliveries), or a Prisma
\`processedEvent\` / \`webhookEvent\` model used elsewhere in the project or declared in
\`schema.prisma\` with a unique id field (the fix \`create\`s the row and treats \`P2002\` as a
replay). Everywhere else the finding is a diagnostic with these docs only: add such a table (with a
migration) and record \`event.id\` before acting on the event.

The fix records the event before processing it. If processing then fails with an exception, Stripe's
retry is answered 200 and the event is not processed again, unless the request runs in one
transaction (Django \`ATOMIC_REQUESTS\`, \`transaction.atomic\`, \`prisma.$transaction\`) that rolls
the record back with the failure. Review which of the two you want.

## How to verify
Run \`stripe listen --forward-to localhost:8000/<webhook path>\`, trigger an event
(\`stripe trigger checkout.session.completed\`) and resend it from the dashboard or with
\`stripe events resend <evt_id>\`: the second delivery is answered 200 and changes nothing (the
account is credited once). \`shipguard scan\` no longer reports the handler.

## References
- Stripe: Handle duplicate events (https://docs.stripe.com/webhooks#handle-duplicate-events)
- Stripe: Event delivery behaviours, retries (https://docs.stripe.com/webhooks#retries)
- Prisma: error reference, P2002 unique constraint failed (https://www.prisma.io/docs/orm/reference/error-reference#p2002)
`,
});
