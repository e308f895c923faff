import os

from flask import Flask, abort, jsonify, request
from stripe import Webhook as StripeWebhook
from stripe.error import SignatureVerificationError

from .billing import activate_subscription, cancel_subscription

app = Flask(__name__)
endpoint_secret = os.environ["STRIPE_WEBHOOK_SECRET"]


@app.route("/stripe/webhook", methods=["POST"])
def webhook():
    payload = request.get_data(as_text=True)
    sig_header = request.headers.get("Stripe-Signature")
    try:
        event = StripeWebhook.construct_event(  # expect: webhook-event-dedup
            payload, sig_header, endpoint_secret
        )
    except (ValueError, SignatureVerificationError):
        abort(400)

    event_type = event["type"]
    data_object = event["data"]["object"]
    if event_type == "customer.subscription.created":
        activate_subscription(data_object["customer"], data_object["items"]["data"][0]["price"]["id"])
    elif event_type == "customer.subscription.deleted":
        cancel_subscription(data_object["customer"])
    return jsonify(success=True)
