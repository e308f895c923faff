# shipguard-test: no-findings
from django.db import models


class Payment(models.Model):
    stripe_payment_intent_id = models.CharField(max_length=255, unique=True)
    stripe_charge_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    idempotency_key = models.UUIDField(unique=True)
