import os

import stripe
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/stripe/webhook", methods=["POST"])
def stripe_webhook():
    payload = request.get_data()
    sig_header = request.headers.get("Stripe-Signature", "")
    try:
        event = stripe.Webhook.construct_event(payload, sig_header, os.environ["STRIPE_WEBHOOK_SECRET"])  # expect: stripe-webhook-signature
    except (ValueError, stripe.error.SignatureVerificationError):
        return "", 400
    if event["type"] == "checkout.session.completed":
        mark_paid(event["data"]["object"]["client_reference_id"])
    return jsonify(success=True)


@app.post("/billing/events2")
def billing_events_json():
    payload = request.get_data()
    sig_header = request.headers.get("Stripe-Signature", "")
    try:
        body = stripe.Webhook.construct_event(payload, sig_header, os.environ["STRIPE_WEBHOOK_SECRET"])  # expect: stripe-webhook-signature
    except (ValueError, stripe.error.SignatureVerificationError):
        return "", 400
    handle_stripe_event(body)
    return "", 200


def handle_stripe_event(event):
    if event["type"] == "invoice.paid":
        mark_paid(event["data"]["object"]["id"])


def mark_paid(ref):
    pass
