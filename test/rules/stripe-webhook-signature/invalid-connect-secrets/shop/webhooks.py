from flask import Blueprint, request

from .models import PaymentProvider

webhooks = Blueprint("webhooks", __name__)


@webhooks.route("/stripe_webhook", methods=["POST"])
def stripe_webhook():
    """Events of every connected account, forwarded by the platform's relay."""
    event = request.json  # expect: stripe-webhook-signature
    provider = PaymentProvider.query.first()
    if event["type"] == "customer.subscription.deleted":
        cancel(provider, event["data"]["object"]["id"])
    return "OK", 200


def cancel(provider, subscription_id):
    pass
