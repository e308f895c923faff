# shipguard-test: no-findings
import hashlib
import hmac
import json
import os

import stripe
from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from flask import Flask, abort, request as flask_request
from stripe import Webhook as StripeWebhook

from payments.security import require_stripe_signature

app = Flask(__name__)


@csrf_exempt
def verified_webhook(request):
    payload = request.body
    sig_header = request.META.get("HTTP_STRIPE_SIGNATURE")
    try:
        event = stripe.Webhook.construct_event(payload, sig_header, settings.STRIPE_WEBHOOK_SECRET)
    except (ValueError, stripe.error.SignatureVerificationError):
        return HttpResponse(status=400)
    if event["type"] == "checkout.session.completed":
        handle_event(event)
    return HttpResponse(status=200)


@app.route("/webhook", methods=["POST"])
def flask_verified():
    try:
        event = StripeWebhook.construct_event(
            flask_request.get_data(), flask_request.headers.get("Stripe-Signature"), os.environ["STRIPE_WEBHOOK_SECRET"]
        )
    except Exception:
        abort(400)
    if event.type == "invoice.paid":
        pass
    return "", 200


def _verified_event(request):
    return stripe.Webhook.construct_event(
        request.body, request.META["HTTP_STRIPE_SIGNATURE"], os.environ["STRIPE_WEBHOOK_SECRET"]
    )


@csrf_exempt
def helper_verified(request):
    _verified_event(request)
    event = json.loads(request.body)
    if event["type"] == "payment_intent.succeeded":
        pass
    return HttpResponse(status=200)


def handle_event(event):
    # a dispatcher: the event arrives already verified
    if event["type"] == "checkout.session.completed":
        pass
    elif event["type"] == "customer.subscription.deleted":
        pass


@csrf_exempt
@require_stripe_signature
def decorated_webhook(request):
    event = json.loads(request.body)
    handle_event(event)
    return HttpResponse(status=200)


@csrf_exempt
def github_webhook(request):
    payload = json.loads(request.body)
    if payload["type"] == "push" or payload.get("action") == "opened":
        pass
    return HttpResponse(status=204)


@csrf_exempt
def hmac_verified(request):
    signature = request.headers.get("Stripe-Signature", "")
    expected = hmac.new(settings.STRIPE_WEBHOOK_SECRET.encode(), request.body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature.split("v1=")[-1]):
        return HttpResponse(status=400)
    event = json.loads(request.body)
    if event["type"] == "invoice.paid":
        pass
    return HttpResponse(status=200)


def sync_from_api(event_id):
    # not a handler: the event comes from the Stripe API, not from a request
    event = stripe.Event.retrieve(event_id)
    if event["type"] == "invoice.paid":
        pass


class WebhookReplayer:
    def replay(self, stored):
        data = json.loads(stored.payload)
        if data["type"] == "checkout.session.completed":
            handle_event(data)


@csrf_exempt
def client_side_event(request):
    # a front-end form posting its own "type" field, compared to non-Stripe values
    data = json.loads(request.body)
    if data["type"] == "newsletter.signup":
        pass
    return HttpResponse(status=204)
