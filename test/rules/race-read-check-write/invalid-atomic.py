import logging

from django.db import transaction as db

from billing.models import Wallet

logger = logging.getLogger(__name__)


# 7. inside transaction.atomic but without a row lock: READ COMMITTED still reads stale rows
def debit(wallet_id, amount):
    with db.atomic():
        wallet = Wallet.objects.get(pk=wallet_id)  # expect: race-read-check-write
        assert wallet.balance >= amount, "insufficient funds"
        wallet.balance -= amount
        wallet.save()


class Ledger:
    @staticmethod
    def credit_limit(wallet_id, amount):
        wallet = Wallet.objects.get(pk=wallet_id)  # expect: race-read-check-write
        if wallet.credit_used + amount > wallet.credit_limit:
            logger.warning("limit reached")
            return False
        wallet.credit_used += amount
        wallet.save()
        return True
