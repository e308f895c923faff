# shipguard-test: no-findings
import json
import os

import stripe
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


@csrf_exempt
@require_POST
def stripe_webhook(request):
    try:
        event = stripe.Webhook.construct_event(request.body, request.headers.get("Stripe-Signature"), os.environ["STRIPE_WEBHOOK_SECRET"])
    except (ValueError, stripe.error.SignatureVerificationError):
        return HttpResponse(status=400)
    handle(event)
    return HttpResponse(status=200)


def handle(event):
    return event["type"]


@csrf_exempt
def mailgun_webhook(request):
    # the provider's payload, from the raw body: no browser form (its signature is another rule's business)
    payload = json.loads(request.body)
    return HttpResponse(payload["event-data"]["event"])
