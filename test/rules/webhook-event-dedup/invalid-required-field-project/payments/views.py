import stripe
from django.conf import settings
from django.http import HttpResponse

from .services import fulfil_checkout


def stripe_webhook(request):
    # the events table needs the payload and livemode too: no fix is offered, only the diagnostic
    try:
        event = stripe.Webhook.construct_event(request.body, request.META["HTTP_STRIPE_SIGNATURE"], settings.STRIPE_WEBHOOK_SECRET)  # expect: webhook-event-dedup
    except (KeyError, ValueError, stripe.error.SignatureVerificationError):
        return HttpResponse(status=400)
    if event["type"] == "checkout.session.completed":
        fulfil_checkout(event["data"]["object"]["id"])
    return HttpResponse(status=200)
