# shipguard-test: no-findings
import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

from .models import Account, StripeEvent


@csrf_exempt
def stripe_webhook(request):
    try:
        event = stripe.Webhook.construct_event(request.body, request.META["HTTP_STRIPE_SIGNATURE"], settings.STRIPE_WEBHOOK_SECRET)
    except (ValueError, stripe.error.SignatureVerificationError):
        return HttpResponse(status=400)
    try:
        with transaction.atomic():
            StripeEvent.objects.create(event_id=event["id"])
    except IntegrityError:
        return HttpResponse(status=200)
    if event["type"] == "checkout.session.completed":
        Account.objects.filter(customer=event["data"]["object"]["customer"]).update(paid=True)
    return HttpResponse(status=200)
