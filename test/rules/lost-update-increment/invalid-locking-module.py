"""A module that locks rows in one place: the others are not locked by that."""
from django.db import transaction

from .models import Wallet


def top_up(wallet_id, amount):
    with transaction.atomic():
        wallet = Wallet.objects.select_for_update().get(pk=wallet_id)
        credit(wallet, amount)


def credit(wallet, amount):
    # every caller in the module holds the row lock: serialized
    wallet.balance += amount
    wallet.save(update_fields=["balance"])


def reward(wallet, points):
    # handed in by callers elsewhere: nothing here locks it
    wallet.points += points  # expect: lost-update-increment
    wallet.save(update_fields=["points"])


def refund(wallet, amount):
    wallet.balance -= amount  # expect: lost-update-increment
    wallet.save(update_fields=["balance"])


def refund_order(order):
    # calls refund without a lock
    refund(order.wallet, order.total)
