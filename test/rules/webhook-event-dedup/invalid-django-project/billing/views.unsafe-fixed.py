import stripe
from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import Account, ProcessedStripeEvent


@csrf_exempt
@require_POST
def stripe_webhook(request):
    payload = request.body
    sig_header = request.META.get("HTTP_STRIPE_SIGNATURE", "")
    try:
        event = stripe.Webhook.construct_event(payload, sig_header, settings.STRIPE_WEBHOOK_SECRET)  # expect: webhook-event-dedup
    except (ValueError, stripe.error.SignatureVerificationError):
        return HttpResponse(status=400)
    _, created = ProcessedStripeEvent.objects.get_or_create(stripe_event_id=event["id"])
    if not created:
        return HttpResponse(status=200)  # this event was already processed

    if event["type"] == "checkout.session.completed":
        session = event["data"]["object"]
        account = Account.objects.get(stripe_customer_id=session["customer"])
        account.credits += int(session["metadata"]["credits"])
        account.save()
    return HttpResponse(status=200)
