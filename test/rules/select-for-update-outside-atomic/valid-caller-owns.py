# shipguard-test: no-findings
from django.db import transaction

from .models import Order, Voucher


# a helper called inside an atomic block of the same module
def lock_order(order_id):
    return Order.objects.select_for_update().get(pk=order_id)


def pay(order_id):
    with transaction.atomic():
        order = lock_order(order_id)
        order.status = "paid"
        order.save()


# a helper used by another helper of this module: the transaction is opened further up
def lock_card(code):
    return Voucher.objects.select_for_update().get(code=code)


def start_card_payment(code, amount):
    card = lock_card(code)
    card.reserved += amount
    card.save()
    return card
