# shipguard-test: no-findings
import stripe
from django.conf import settings
from django.http import HttpResponse

from .models import Subscription, WebhookDelivery


def subscription_webhook(request):
    try:
        event = stripe.Webhook.construct_event(request.body, request.headers["Stripe-Signature"], settings.STRIPE_WEBHOOK_SECRET)
    except (ValueError, stripe.error.SignatureVerificationError):
        return HttpResponse(status=400)
    evt = event
    if WebhookDelivery.objects.filter(stripe_id=getattr(evt, "id")).exists():
        return HttpResponse(status=200)
    if evt.type == "customer.subscription.updated":
        Subscription.objects.filter(stripe_id=evt.data.object.id).update(status=evt.data.object.status)
    return HttpResponse(status=200)
