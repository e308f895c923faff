from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import PromoCode


def redeem_promo_code(order, code):
    """Apply a promo code to an order and count the use."""
    promo = PromoCode.objects.filter(code__iexact=code).first()
    if promo is None:
        raise ValidationError("Unknown promo code")
    if promo.expires_at and promo.expires_at < timezone.now():
        raise ValidationError("This promo code has expired")
    if promo.times_used >= promo.max_uses:
        raise ValidationError("This promo code has been used up")

    promo.times_used += 1
    promo.save()

    order.amount_cents = order.amount_cents * (100 - promo.percent_off) // 100
    order.save(update_fields=["amount_cents", "updated_at"])
    return order


def mark_order_paid(order_id, payment_intent_id):
    from tickets.models import TicketOrder

    order = TicketOrder.objects.select_for_update().get(pk=order_id)
    if order.status == TicketOrder.Status.PAID:
        return order
    order.status = TicketOrder.Status.PAID
    order.stripe_payment_intent_id = payment_intent_id
    order.save(update_fields=["status", "stripe_payment_intent_id", "updated_at"])
    return order


@transaction.atomic
def retire_promo_code(code):
    promo = PromoCode.objects.select_for_update().get(code=code)
    promo.max_uses = promo.times_used
    promo.save(update_fields=["max_uses"])
