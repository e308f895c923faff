from django.db import transaction

from .models import Checkout, Order


def _create_order(checkout, data):
    order = Order.objects.filter(checkout_token=checkout.token).first()  # expect: check-then-create
    if order is not None:
        return order
    return Order.objects.create(checkout_token=checkout.token, **data)


def complete_checkout(checkout_pk, data):
    with transaction.atomic():
        checkout = Checkout.objects.select_for_update().filter(pk=checkout_pk).first()
        return _create_order(checkout, data)


def retry_checkout(checkout, data):
    # a second caller that takes no lock: the check races here
    return _create_order(checkout, data)
