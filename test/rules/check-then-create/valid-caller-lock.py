# shipguard-test: no-findings
from django.db import transaction

from .models import Checkout, Order
from .tracing import traced_atomic


# the order is created only through callers that lock the checkout row first: serialized
@traced_atomic()
def _create_order(*, checkout, data):
    order = Order.objects.filter(checkout_token=checkout.token).first()
    if order is not None:
        return order
    return Order.objects.create(checkout_token=checkout.token, **data)


def _post_payment(checkout, data):
    return _create_order(checkout=checkout, data=data)


def complete_checkout(checkout_pk, data):
    with transaction.atomic():
        checkout = Checkout.objects.select_for_update().filter(pk=checkout_pk).first()
        return _post_payment(checkout, data)
