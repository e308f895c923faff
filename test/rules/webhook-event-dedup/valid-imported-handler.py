# shipguard-test: no-findings
import stripe
from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

from payments.webhooks import process_stripe_event


@csrf_exempt
def stripe_webhook(request):
    try:
        event = stripe.Webhook.construct_event(request.body, request.META.get("HTTP_STRIPE_SIGNATURE"), settings.STRIPE_WEBHOOK_SECRET)
    except (ValueError, stripe.error.SignatureVerificationError):
        return HttpResponse(status=400)
    # the service records event.id before acting on it
    process_stripe_event(event)
    return HttpResponse(status=200)
