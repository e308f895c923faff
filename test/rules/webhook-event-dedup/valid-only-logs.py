# shipguard-test: no-findings
import logging
import os

import stripe
from flask import Flask, request

app = Flask(__name__)
log = logging.getLogger("stripe.webhooks")


@app.route("/hooks/stripe/audit", methods=["POST"])
def audit_hook():
    try:
        event = stripe.Webhook.construct_event(request.data, request.headers["Stripe-Signature"], os.environ["STRIPE_AUDIT_SECRET"])
    except (ValueError, stripe.error.SignatureVerificationError):
        return "", 400
    log.info("stripe event %s: %s", event["type"], event["data"]["object"].get("object"))
    print(event["type"])
    return "", 204
