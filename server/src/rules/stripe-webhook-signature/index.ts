import { defineRule } from '../../engine/types';
import { python } from './python';
import { js } from './js';

export default defineRule({
  id: 'stripe-webhook-signature',
  family: 'idempotency',
  severity: 'error',
  languages: ['python', 'javascript', 'typescript'],
  fix: {
    availability: 'sometimes',
    maxApplicability: 'unsafe',
    title: 'Build the event with `stripe.Webhook.construct_event` / `stripe.webhooks.constructEvent`',
  },
  python,
  js,
  docs: `## What it does
Flags Stripe webhook handlers that build the event from the request body without verifying the \`Stripe-Signature\` header.

A handler is a view or route (Django, DRF, Flask, Express, Next.js) that reads the event from the
request (\`json.loads(request.body)\`, \`request.get_json()\`, \`stripe.Event.construct_from(...)\`,
\`req.body\`, \`await req.json()\`) and branches on Stripe event types such as
\`checkout.session.completed\`, but never calls \`stripe.Webhook.construct_event\` /
\`stripe.webhooks.constructEvent\` (directly, through a helper in the same file, or in a
verifying decorator or middleware). A dispatcher that receives an already verified event as a
parameter is not flagged.

## Why is this bad?
The webhook URL is public. Without the signature check anyone who finds it can post
\`{"type": "checkout.session.completed", ...}\` and get an order marked paid, a subscription
activated or credits granted, for free. The signature also carries a timestamp, so the check is
what stops an old delivery from being replayed.

## Example
\`\`\`python
import json
from django.http import HttpResponse

def stripe_webhook(request):
    event = json.loads(request.body)
    if event["type"] == "checkout.session.completed":
        fulfil_order(event["data"]["object"])
    return HttpResponse(status=200)
\`\`\`

## Use instead
\`\`\`python
import json
import os
import stripe
from django.http import HttpResponse

def stripe_webhook(request):
    sig_header = request.META.get("HTTP_STRIPE_SIGNATURE", "")
    try:
        event = stripe.Webhook.construct_event(request.body, sig_header, os.environ["STRIPE_WEBHOOK_SECRET"])
    except (ValueError, stripe.error.SignatureVerificationError):
        return HttpResponse(status=400)
    if event["type"] == "checkout.session.completed":
        fulfil_order(event["data"]["object"])
    return HttpResponse(status=200)
\`\`\`

In Express, mount the route with \`express.raw({ type: "application/json" })\` and build the event
with \`stripe.webhooks.constructEvent(req.body, req.headers["stripe-signature"], process.env.STRIPE_WEBHOOK_SECRET)\`
inside \`try\`/\`catch\`, answering 400 on failure. In a Next.js route handler, pass
\`await req.text()\` and \`req.headers.get("stripe-signature")\`.

## Fix safety
Unsafe. The fix replaces the line that builds the event with the verifying call and answers 400
when the signature is wrong, so every delivery now needs the endpoint's signing secret
(\`STRIPE_WEBHOOK_SECRET\`, or the secret the file already names) to be set, and the exact raw body:
in Express the route must receive the raw body (\`express.raw({ type: "application/json" })\`
before any \`express.json()\`), otherwise every event is rejected. Test deliveries from scripts
that post unsigned JSON stop working too. Review the handler and the route setup before shipping.
When the project keeps webhook secrets in its database (a model field such as
\`stripe_webhook_endpoint_secret\`: a Stripe Connect platform with a secret per account, or events
forwarded by the project's own relay), one \`STRIPE_WEBHOOK_SECRET\` from the environment is a guess:
the fix then needs input (\`shipguard fix\` lists it; the editor offers it one finding at a time).

## How to verify
Run \`stripe listen --forward-to localhost:8000/<webhook path>\` and \`stripe trigger
checkout.session.completed\`: the event is accepted. Then post the same JSON with \`curl\` and no
or a wrong \`Stripe-Signature\` header: the handler must answer 400 and change nothing.
\`shipguard scan\` no longer reports the handler.

## References
- Stripe: Check the webhook signatures (https://docs.stripe.com/webhooks#verify-events)
- Stripe: Resolve webhook signature verification errors (https://docs.stripe.com/webhooks/signature)
- OWASP API Security Top 10: API2 Broken Authentication
`,
});
