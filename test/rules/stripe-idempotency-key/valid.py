# shipguard-test: no-findings
"""Code that must not be flagged: keys present, read-only calls, other libraries' create()."""
import stripe
from django.db import transaction
from stripe import StripeClient

from .models import Order, Ticket
from .payments import stripe_gateway

client = StripeClient("sk_test_123")


def checkout_with_key(order):
    return stripe.checkout.Session.create(
        mode="payment",
        line_items=[{"price": order.price_id, "quantity": 1}],
        idempotency_key=f"checkout-session-{order.id}",
    )


def refund_with_kwargs(order, **kwargs):
    # the key may travel in **kwargs
    return stripe.Refund.create(payment_intent=order.payment_intent_id, **kwargs)


def read_only(order):
    intent = stripe.PaymentIntent.retrieve(order.payment_intent_id)
    sessions = stripe.checkout.Session.list(limit=3)
    found = stripe.Customer.search(query="email:'a@b.c'")
    stripe.PaymentIntent.modify(intent.id, metadata={"order_id": order.id})
    stripe.PaymentIntent.cancel(intent.id)
    return intent, sessions, found


def client_with_options(order):
    return client.v1.payment_intents.create(
        params={"amount": order.total_cents, "currency": "eur"},
        options={"idempotency_key": f"payment-intent-{order.id}"},
    )


def client_with_options_variable(order, request_options):
    # a variable options dict may carry the key: not flagged
    client.refunds.create(params={"payment_intent": order.payment_intent_id}, options=request_options)


def client_read_only(order):
    return client.v1.payment_intents.retrieve(order.payment_intent_id)


@transaction.atomic
def create_order(user, event):
    # Django ORM create(), not Stripe
    order = Order.objects.create(user=user, event=event)
    Ticket.objects.create(order=order)
    return order


class FakeStripe:
    class PaymentIntent:
        @staticmethod
        def create(**params):
            return params


def local_fake():
    fake = FakeStripe()
    return fake.PaymentIntent.create(amount=100)


def gateway_call(order):
    # a project module that happens to be named like the library
    return stripe_gateway.checkout.Session.create(order)


def shadowed(stripe, order):
    # `stripe` here is a parameter (a test double), not the library
    return stripe.PaymentIntent.create(amount=order.total_cents)


def capture_with_key(order):
    return stripe.PaymentIntent.capture(order.payment_intent_id, idempotency_key=f"capture-{order.id}")


def refund_with_options(order, request_options):
    extra = {"metadata": {"order_id": str(order.id)}}
    extra.update(request_options)  # may carry idempotency_key
    return stripe.Refund.create(payment_intent=order.payment_intent_id, **extra)


def refund_keyed(order):
    extra = {"idempotency_key": f"refund-{order.id}"}
    return stripe.Refund.create(payment_intent=order.payment_intent_id, **extra)
