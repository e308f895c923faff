from django.db import transaction

from .models import Order


# the function manages its own transaction, but the lock is taken after the block ended
def mark_and_lock(order_id):
    with transaction.atomic():
        Order.objects.filter(pk=order_id).update(seen=True)
    order = Order.objects.select_for_update().get(pk=order_id)  # expect: select-for-update-outside-atomic
    return order


# a Celery task in a module that manages transactions: tasks are never called inside one
from celery import shared_task


@shared_task
def settle_later(order_id):
    order = Order.objects.select_for_update().get(pk=order_id)  # expect: select-for-update-outside-atomic
    order.settled = True
    order.save()
