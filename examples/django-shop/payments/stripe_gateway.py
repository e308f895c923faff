"""Everything that talks to Stripe goes through StripeGateway."""
import logging

import stripe
from django.conf import settings
from stripe import StripeClient

logger = logging.getLogger(__name__)

stripe.api_key = settings.STRIPE_SECRET_KEY


class PaymentError(Exception):
    pass


class StripeGateway:
    def __init__(self, api_key=None):
        self.client = StripeClient(api_key or settings.STRIPE_SECRET_KEY)

    def create_checkout_session(self, order, success_url, cancel_url):
        return self.client.v1.checkout.sessions.create(
            params={
                "mode": "payment",
                "line_items": [
                    {
                        "price_data": {
                            "currency": order.event.currency,
                            "unit_amount": order.event.price_cents,
                            "product_data": {"name": order.event.name},
                        },
                        "quantity": order.quantity,
                    }
                ],
                "metadata": {"order_id": str(order.id)},
                "success_url": success_url,
                "cancel_url": cancel_url,
            },
            options={"idempotency_key": f"checkout-session-{order.id}"},
        )

    def create_payment_intent(self, order, customer_id):
        intent = self.client.v1.payment_intents.create(
            params={
                "amount": order.amount_cents,
                "currency": order.event.currency,
                "customer": customer_id,
                "metadata": {"order_id": str(order.id)},
                "automatic_payment_methods": {"enabled": True},
            }
        )
        order.stripe_payment_intent_id = intent.id
        order.save(update_fields=["stripe_payment_intent_id", "updated_at"])
        return intent

    def capture_payment(self, order):
        return stripe.PaymentIntent.capture(
            order.stripe_payment_intent_id,
            idempotency_key=f"capture-{order.id}",
        )

    def refund_order(self, order, reason="requested_by_customer"):
        try:
            return stripe.Refund.create(
                payment_intent=order.stripe_payment_intent_id,
                reason=reason,
                metadata={"order_id": order.id},
            )
        except stripe.error.StripeError as e:
            logger.error("Stripe refund failed: " + str(e))
            raise PaymentError("Refund could not be issued") from e

    def get_or_create_customer(self, user):
        profile = user.profile
        if profile.stripe_customer_id:
            return stripe.Customer.retrieve(profile.stripe_customer_id)
        customer = stripe.Customer.create(
            email=user.email,
            name=user.get_full_name(),
            metadata={"user_id": user.pk},
        )
        profile.stripe_customer_id = customer.id
        profile.save(update_fields=["stripe_customer_id"])
        return customer
