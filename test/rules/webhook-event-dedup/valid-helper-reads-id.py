# shipguard-test: no-findings
import stripe
from django.conf import settings
from django.http import HttpResponse

from .models import Order, ProcessedEvent


def already_seen(evt):
    _, created = ProcessedEvent.objects.get_or_create(stripe_event_id=evt.id)
    return not created


def dispatch(event):
    if already_seen(event):
        return
    if event.type == "charge.refunded":
        Order.objects.filter(charge_id=event.data.object.id).update(refunded=True)


def webhook(request):
    try:
        event = stripe.Webhook.construct_event(request.body, request.headers["Stripe-Signature"], settings.STRIPE_WEBHOOK_SECRET)
    except (ValueError, stripe.error.SignatureVerificationError):
        return HttpResponse(status=400)
    dispatch(event)
    return HttpResponse(status=200)
