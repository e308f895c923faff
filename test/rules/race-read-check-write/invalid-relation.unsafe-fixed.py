from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Event, Order, Wallet


# 1. a row reached through a relation of the signal's instance, written by the model's own method
@receiver(post_save, sender=Order)
@transaction.atomic
def charge_order(sender, instance, created, **kwargs):
    wallet = Wallet.objects.select_for_update().get(pk=instance.wallet_id)  # expect: race-read-check-write
    if wallet.balance < instance.total:
        raise ValidationError("insufficient funds")
    wallet.withdraw(instance.total)


# 2. a row read by the ORM, written by a project model method
@transaction.atomic
def pay(wallet_id, amount):
    wallet = Wallet.objects.select_for_update().get(pk=wallet_id)  # expect: race-read-check-write
    if wallet.balance < amount:
        raise ValidationError("insufficient funds")
    wallet.withdraw(amount)


# 3. a related row of a row read here: re-read locked by its id
@transaction.atomic
def confirm(order_id):
    order = Order.objects.select_for_update().get(pk=order_id)
    event = Event.objects.select_for_update().get(pk=order.event_id)  # expect: race-read-check-write
    if event.tickets_sold + order.quantity > event.capacity:
        raise ValidationError("sold out")
    event.tickets_sold += order.quantity
    event.save()
