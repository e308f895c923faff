# shipguard-test: no-findings
from django.db import transaction

from .models import Order


# a helper called inside an atomic block of the same module
def lock_order(order_id):
    return Order.objects.select_for_update().get(pk=order_id)


def pay(order_id):
    with transaction.atomic():
        order = lock_order(order_id)
        order.status = "paid"
        order.save()
