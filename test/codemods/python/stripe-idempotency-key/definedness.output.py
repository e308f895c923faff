import stripe

from .models import Order


def pay(request, order_id=None):
    if order_id is None:
        order_id = request.session["order_id"]
    order = Order.objects.get(pk=order_id)
    return stripe.PaymentIntent.create(
        amount=order.total_cents, currency="eur", idempotency_key=f"payment-intent-{order_id}"
    )


def pay_optional(request, order_id=None):
    order = Order.objects.filter(pk=order_id).first()
    return stripe.PaymentIntent.create(amount=100, currency="eur", metadata={"order_id": order_id})


def confirm_with_card(intent_id, payment_method_id):
    return stripe.PaymentIntent.confirm(
        intent_id,
        payment_method=payment_method_id,
        idempotency_key=f"payment-intent-confirm-{intent_id}-{payment_method_id}",
    )


def confirm_client(client: stripe.StripeClient, order, card_id):
    return client.v1.payment_intents.confirm(order.payment_intent_id, params={"payment_method": card_id}, options={"idempotency_key": f"payment-intent-confirm-{order.payment_intent_id}-{card_id}"})
