# shipguard-test: no-findings
import os

import redis
import stripe
from flask import Flask, jsonify, request

from .billing import fulfil

app = Flask(__name__)
cache = redis.Redis.from_url(os.environ["REDIS_URL"])


@app.post("/webhook")
def webhook():
    try:
        event = stripe.Webhook.construct_event(request.data, request.headers.get("Stripe-Signature"), os.environ["STRIPE_WEBHOOK_SECRET"])
    except (ValueError, stripe.error.SignatureVerificationError):
        return jsonify(error="bad signature"), 400
    if not cache.set(str(event.get("id")), 1, nx=True, ex=7 * 24 * 3600):
        return jsonify(duplicate=True)
    if event["type"] == "checkout.session.completed":
        fulfil(event["data"]["object"])
    return jsonify(success=True)
