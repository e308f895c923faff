import json
import os

import stripe
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from orders.models import Order


@csrf_exempt
@require_POST
def stripe_webhook(request):
    payload = request.body
    sig_header = request.META.get("HTTP_STRIPE_SIGNATURE", "")
    try:
        event = stripe.Webhook.construct_event(payload, sig_header, os.environ["STRIPE_WEBHOOK_SECRET"])  # expect: stripe-webhook-signature
    except (ValueError, stripe.error.SignatureVerificationError):
        return HttpResponse(status=400)
    if event["type"] == "checkout.session.completed":
        session = event["data"]["object"]
        Order.objects.filter(stripe_session_id=session["id"]).update(status="paid")
    elif event["type"] == "invoice.payment_failed":
        pass
    return HttpResponse(status=200)


@csrf_exempt
def legacy_webhook(request):
    payload = request.body
    event = None

    sig_header = request.META.get("HTTP_STRIPE_SIGNATURE", "")
    try:
        event = stripe.Webhook.construct_event(payload, sig_header, os.environ["STRIPE_WEBHOOK_SECRET"])
    except ValueError:
        return HttpResponse(status=400)
    except stripe.error.SignatureVerificationError:
        return HttpResponse(status=400)

    if event.type == "payment_intent.succeeded":
        payment_intent = event.data.object
        Order.objects.filter(payment_intent=payment_intent.id).update(status="paid")
    return HttpResponse(status=200)


@csrf_exempt
def subscription_webhook(request):
    payload = request.body
    sig_header = request.META.get("HTTP_STRIPE_SIGNATURE", "")
    try:
        data = stripe.Webhook.construct_event(payload, sig_header, os.environ["STRIPE_WEBHOOK_SECRET"])  # expect: stripe-webhook-signature
    except (ValueError, stripe.error.SignatureVerificationError):
        return HttpResponse(status=400)
    event_type = data.get("type")
    if event_type.startswith("customer.subscription."):
        sync_subscription(data["data"]["object"])
    return JsonResponse({"received": True})


def sync_subscription(obj):
    pass
