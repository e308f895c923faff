# shipguard-test: no-findings
import stripe
from django.conf import settings
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.response import Response

from .tasks import handle_stripe_event


@api_view(["POST"])
@authentication_classes([])
@permission_classes([])
def stripe_webhook(request):
    try:
        event = stripe.Webhook.construct_event(request.body, request.headers.get("Stripe-Signature"), settings.STRIPE_WEBHOOK_SECRET)
    except (ValueError, stripe.error.SignatureVerificationError):
        return Response(status=400)
    # the Celery task takes the event id and is idempotent on it
    handle_stripe_event.delay(event.id, event.type)
    return Response({"queued": True})
