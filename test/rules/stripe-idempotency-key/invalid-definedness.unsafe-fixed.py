"""Key parts must hold a value on every path to the call (Django views and services)."""
from typing import Optional

import stripe
from django.http import JsonResponse

from .models import Booking, Order


def checkout_optional(request, order_id=None):
    # every request without an order id would share one key
    session = stripe.checkout.Session.create(mode="payment", line_items=request.POST["items"])  # expect: stripe-idempotency-key
    return JsonResponse({"url": session.url, "order": order_id})


def refund_typed_optional(order_id: Optional[str] = None, amount: int = 0):
    return stripe.Refund.create(payment_intent=lookup(order_id), amount=amount)  # expect: stripe-idempotency-key


def intent_union_none(order_id: str | None, amount: int):
    return stripe.PaymentIntent.create(amount=amount, currency="eur", metadata={"order_id": order_id})  # expect: stripe-idempotency-key


def intent_shared_default(amount, order_id="manual"):
    return stripe.PaymentIntent.create(amount=amount, currency="eur", metadata={"order_id": order_id})  # expect: stripe-idempotency-key


def branch_only(request, amount):
    if request.user.is_authenticated:
        order_id = request.user.current_order_id
    return stripe.PaymentIntent.create(amount=amount, currency="eur", metadata={"order_id": order_id})  # expect: stripe-idempotency-key


def both_branches(request, amount):
    if request.user.is_authenticated:
        order_id = request.user.current_order_id
    else:
        order_id = request.session["guest_order_id"]
    return stripe.PaymentIntent.create(amount=amount, currency="eur", metadata={"order_id": order_id}, idempotency_key=f"payment-intent-{order_id}")  # expect: stripe-idempotency-key


def from_dict_get(payload, amount):
    order_id = payload.get("order_id")
    return stripe.PaymentIntent.create(amount=amount, currency="eur", metadata={"order_id": order_id})  # expect: stripe-idempotency-key


def from_getattr(request, amount):
    booking_id = getattr(request, "booking_id", None)
    return stripe.PaymentIntent.create(amount=amount, currency="eur", metadata={"booking_id": booking_id})  # expect: stripe-idempotency-key


def guarded_by_raise(order_id: Optional[int] = None):
    if order_id is None:
        raise ValueError("order_id is required")
    order = Order.objects.get(pk=order_id)
    return stripe.PaymentIntent.create(amount=order.total_cents, currency="eur", idempotency_key=f"payment-intent-{order_id}")  # expect: stripe-idempotency-key


def inside_presence_check(booking_id=None):
    if booking_id:
        booking = Booking.objects.get(pk=booking_id)
        return stripe.PaymentIntent.create(amount=booking.total_cents, currency="eur", idempotency_key=f"payment-intent-{booking_id}")  # expect: stripe-idempotency-key
    return None


def checked_elsewhere(order_id, amount):
    intent = stripe.PaymentIntent.create(amount=amount, currency="eur", metadata={"order_id": order_id})  # expect: stripe-idempotency-key
    if not order_id:
        log_anonymous_payment(intent)
    return intent


def first_then_read(order_id_list, amount):
    booking = Booking.objects.filter(pk__in=order_id_list).first()
    # `booking.total_cents` raises on None first: at the call, booking holds a row
    return stripe.PaymentIntent.create(amount=booking.total_cents, currency="eur", metadata={"booking_id": booking.pk}, idempotency_key=f"payment-intent-{booking.pk}")  # expect: stripe-idempotency-key


def confirm_with_new_card(intent_id, payment_method_id):
    # a declined confirm is retried with another card: the key holds the card too
    return stripe.PaymentIntent.confirm(intent_id, payment_method=payment_method_id, idempotency_key=f"payment-intent-confirm-{intent_id}-{payment_method_id}")  # expect: stripe-idempotency-key


def confirm_attached_card(intent_id):
    # the payment method was attached elsewhere and may change between attempts
    return stripe.PaymentIntent.confirm(intent_id)  # expect: stripe-idempotency-key


def confirm_card_from_request(intent_id, request):
    return stripe.PaymentIntent.confirm(intent_id, payment_method=request.POST.get("payment_method"))  # expect: stripe-idempotency-key


def charge_saved_card(order, payment_method_id):
    # a create that confirms is an attempt too: a retry with another card gets its own key
    return stripe.PaymentIntent.create(amount=order.total_cents, currency="eur", metadata={"order_id": order.id}, payment_method=payment_method_id, confirm=True, idempotency_key=f"payment-intent-{order.id}-{payment_method_id}")  # expect: stripe-idempotency-key


def lookup(order_id):
    return order_id


def log_anonymous_payment(intent):
    return intent
