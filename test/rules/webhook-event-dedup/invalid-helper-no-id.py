import os

import stripe
from flask import Blueprint, request

from .db import db, User

bp = Blueprint("billing", __name__)
WEBHOOK_SECRET = os.getenv("STRIPE_WEBHOOK_SECRET")


def add_credits(evt):
    customer = evt["data"]["object"]["customer"]
    user = User.query.filter_by(stripe_customer_id=customer).one()
    user.credits = user.credits + 100
    db.session.commit()


@bp.post("/webhooks/stripe")
def stripe_events():
    try:
        event = stripe.Webhook.construct_event(request.data, request.headers["Stripe-Signature"], WEBHOOK_SECRET)  # expect: webhook-event-dedup
    except (ValueError, stripe.error.SignatureVerificationError):
        return "", 400
    if event["type"] == "invoice.paid":
        add_credits(event)
    return "", 200
