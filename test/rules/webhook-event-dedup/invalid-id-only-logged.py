import logging

import stripe
from django.conf import settings
from django.http import JsonResponse

from .fulfilment import ship_order

logger = logging.getLogger(__name__)


def stripe_webhook(request):
    try:
        event = stripe.Webhook.construct_event(request.body, request.headers.get("Stripe-Signature"), settings.STRIPE_WEBHOOK_SECRET)  # expect: webhook-event-dedup
    except (ValueError, stripe.error.SignatureVerificationError):
        return JsonResponse({"error": "invalid signature"}, status=400)
    logger.info("stripe event %s (%s)", event["id"], event["type"])
    if event["type"] == "checkout.session.completed":
        ship_order(event["data"]["object"]["metadata"]["order_id"])
    return JsonResponse({"received": True, "id": event.id})
