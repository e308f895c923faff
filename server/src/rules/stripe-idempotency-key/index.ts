import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'stripe-idempotency-key',
  family: 'idempotency',
  severity: 'warning',
  languages: ['python', 'javascript', 'typescript'],
  fix: { availability: 'sometimes', maxApplicability: 'unsafe', title: 'Add an idempotency key derived from a stable business id' },
  python,
  js,
  docs: `## What it does
Flags Stripe calls that create or move money without an idempotency key.

It covers payment intents (create, confirm, capture), charges, refunds, transfers and reversals,
payouts, top-ups, checkout sessions, payment links, subscriptions, invoices (create, pay,
finalize), invoice items, credit notes, customers, setup intents and application fee refunds, in:
- stripe-python's legacy API, \`stripe.checkout.Session.create(...)\` without \`idempotency_key=\`
  (also through \`import stripe as s\`, \`from stripe import PaymentIntent\`, retrieved objects);
- stripe-python's \`StripeClient\` (\`client.v1.refunds.create(params=...)\`) without
  \`options={"idempotency_key": ...}\`;
- stripe-node (\`stripe.paymentIntents.create(params)\`) without a request-options argument
  carrying \`idempotencyKey\`.

The Stripe object is tracked through imports, aliases, \`new Stripe(...)\` / \`require("stripe")(...)\` /
\`StripeClient(...)\` assignments, \`self.client\` / \`this.stripe\` and parameters typed \`Stripe\` or
\`StripeClient\`; a method merely named \`create\` on something else (\`prisma.order.create\`,
\`Order.objects.create\`) is never flagged. Calls whose options come from a variable or \`**kwargs\`
are not flagged either: the key may be in there.

## Why is this bad?
Payment requests fail in ways that do not tell you whether Stripe acted: a timeout, a dropped
connection, a worker killed mid-request. The code (a Celery retry, a queue redelivery, a user
pressing "Pay" twice, a browser refresh during checkout) then sends the request again, and Stripe
treats it as a new one: a second checkout session and order, a second charge, a second refund or
payout. With an idempotency key derived from the business object (\`order.id\`), Stripe returns
the first result for every repeat within 24 hours.

The SDKs' own automatic retries already send a random key; that does not help here, because each
new attempt by your code gets a new random key.

## Example
\`\`\`python
import stripe

def start_checkout(order):
    return stripe.checkout.Session.create(
        mode="payment",
        line_items=[{"price": order.price_id, "quantity": 1}],
        metadata={"order_id": order.id},
    )
\`\`\`

## Use instead
\`\`\`python
import stripe

def start_checkout(order):
    return stripe.checkout.Session.create(
        mode="payment",
        line_items=[{"price": order.price_id, "quantity": 1}],
        metadata={"order_id": order.id},
        idempotency_key=f"checkout-session-{order.id}",
    )
\`\`\`

In stripe-python's client API: \`client.v1.refunds.create(params={...}, options={"idempotency_key": f"refund-{order.id}"})\`.
In Node: \`\` stripe.checkout.sessions.create(params, { idempotencyKey: \`checkout-session-\${order.id}\` }) \`\`.

## Fix safety
Unsafe: the key decides which requests Stripe treats as the same one, so a human must confirm it.
The fix derives the key from a stable business id in scope, first match wins: the call's own
\`metadata\` (\`order_id\`, \`booking_id\`...) or \`client_reference_id\`; a parameter or local named
\`order_id\` / \`orderId\`; an object named \`order\`, \`booking\`, \`cart\`, \`invoice\`, \`payment\`,
\`subscription\`, \`reservation\`, \`ticket\`... whose \`.id\` (or \`.pk\`, \`._id\`) the function uses; for
\`Customer.create\`, also a \`user\` / \`account\`. Users, customers, prices and payment methods are never
used for other operations (they repeat across purchases). The key is prefixed with the operation
(\`checkout-session-\`, \`refund-\`, \`payment-intent-capture-\`) so two operations on the same order
never share a key, and a call inside a loop over items also gets the item's id.

A key part is used only when it holds a value on every path to the call: never an optional
parameter (\`order_id=None\`, \`order_id: Optional[str]\`, \`orderId?: string\`,
\`orderId: string | undefined\`, or any default, which every caller that omits the argument would
share), never \`order?.id\`, never a name assigned in some branches only, never a value that may be
None or undefined (\`data.get("order_id")\`, \`getattr(o, "id", None)\`, \`.first()\`, \`.find(...)\`,
\`req.body.orderId\`), and never a name the function itself checks for a missing value (\`if not
order_id\`, \`!orderId\`, \`orderId ?? ...\`, \`orderId!\`) unless that check returns or raises before
the call. Ids destructured from an object (\`const { orderId } = req.params\`) count like any local.

Confirming a payment intent or setup intent and paying an invoice are retried with another
payment method after a decline; the same key would hand the retry the first attempt's decline.
Their key also holds the payment method the call passes
(\`f"payment-intent-confirm-{intent.id}-{payment_method_id}"\`); when the call passes none, the fix
cannot know what tells the attempts apart. A payment or setup intent created with \`confirm=True\`
and a payment method is an attempt too: its key holds that payment method as well.

A setup-mode Checkout Session (\`mode="setup"\`) collects a card, and a customer makes one for
each change of card: the subscription or customer it names is no once-only id (a second change
the same day would get the first, completed session back), so its fix needs input.

With no such id the fix **needs input**: \`shipguard fix\`, fix-all on save and the workspace
codemod leave the call as it is and list it (\`1 needs input (no stable id in scope):
billing.py:12\`; in JSON output the fix carries \`needsInput\`). Only the editor's quick fix inserts
the unfinished key, as a snippet with the cursor on the placeholder:
\`idempotency_key=f"checkout-session-{TODO_STABLE_ID}"\` / \`\` { idempotencyKey: \`checkout-session-\${TODO_STABLE_ID}\` } \`\`.
It never inserts a random key (\`uuid4()\`, \`randomUUID()\`): that looks fixed but does not stop a
double submit.

Stripe rejects a key reused with different parameters within 24 hours; if the same order can
legitimately be charged twice with different amounts, add what differs (an attempt number stored
on the order) to the key.

## How to verify
Call the code path twice with the same order (double-click "Pay", or re-run the Celery task):
the Stripe Dashboard shows one request answered twice (the second response carries
\`Idempotent-Replayed: true\`) and one payment, not two. \`shipguard scan\` no longer reports the line.

## References
- Stripe API: Idempotent requests (https://docs.stripe.com/api/idempotent_requests)
- Stripe: Low-level error handling, idempotency (https://docs.stripe.com/error-low-level#idempotency)
- stripe-node: request options (https://github.com/stripe/stripe-node#per-request-configuration)
`,
});
