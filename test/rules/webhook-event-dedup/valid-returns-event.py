# shipguard-test: no-findings
import stripe
from django.conf import settings
from django.core.exceptions import BadRequest


def verified_event(request):
    """Builds the verified event; the views that call it deduplicate by its id."""
    try:
        event = stripe.Webhook.construct_event(request.body, request.headers["Stripe-Signature"], settings.STRIPE_WEBHOOK_SECRET)
    except (ValueError, stripe.error.SignatureVerificationError) as exc:
        raise BadRequest("invalid Stripe signature") from exc
    if event["type"].startswith("test_helpers."):
        raise BadRequest("test event")
    return event
