# shipguard-test: no-findings
from django.db import models


class LedgerLine(models.Model):
    # one payment intent books a debit and a credit line
    stripe_payment_intent_id = models.CharField(max_length=255, unique=False, db_index=True)
    amount_cents = models.IntegerField()
