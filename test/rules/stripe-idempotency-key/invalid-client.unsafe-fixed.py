"""stripe-python's StripeClient, as a module global, an instance attribute and a typed parameter."""
import os

from django.conf import settings
from stripe import StripeClient

from .models import Order

stripe_client = StripeClient(os.environ["STRIPE_SECRET_KEY"])


class StripeGateway:
    def __init__(self, api_key=None):
        self.client = StripeClient(api_key or settings.STRIPE_SECRET_KEY)

    def create_checkout_session(self, order, success_url, cancel_url):
        return self.client.v1.checkout.sessions.create(  # expect: stripe-idempotency-key
            params={
                "mode": "payment",
                "line_items": [{"price": order.price_id, "quantity": order.quantity}],
                "metadata": {"order_id": str(order.id)},
                "success_url": success_url,
                "cancel_url": cancel_url,
            },
            options={"idempotency_key": f"checkout-session-{order.id}"},
        )

    def refund(self, order, amount_cents):
        return self.client.v1.refunds.create(  # expect: stripe-idempotency-key
            params={"payment_intent": order.payment_intent_id, "amount": amount_cents},
            options={"stripe_account": order.seller.stripe_account_id},
        )

    def capture(self, order):
        return self.client.payment_intents.capture(
            order.payment_intent_id, options={"idempotency_key": f"payment-intent-capture-{order.payment_intent_id}"}
        )  # expect: stripe-idempotency-key


def create_payment_intent(order_id):
    order = Order.objects.get(pk=order_id)
    intent = stripe_client.payment_intents.create({"amount": order.total_cents, "currency": "eur"}, options={"idempotency_key": f"payment-intent-{order_id}"})  # expect: stripe-idempotency-key
    return intent.client_secret


def add_invoice_item(client: StripeClient, invoice, customer_id, amount_cents):
    client.v1.invoice_items.create(params={"customer": customer_id, "amount": amount_cents, "invoice": invoice.stripe_id})  # expect: stripe-idempotency-key
    if invoice.id:
        client.v1.invoices.finalize_invoice(
            invoice.stripe_id, options={"idempotency_key": f"invoice-finalize-{invoice.stripe_id}"}
        )  # expect: stripe-idempotency-key


async def create_customer_async(user):
    return await stripe_client.customers.create_async(params={"email": user.email})  # expect: stripe-idempotency-key
