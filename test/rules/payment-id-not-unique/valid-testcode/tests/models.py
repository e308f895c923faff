# shipguard-test: no-findings
from django.db import models


class FakePayment(models.Model):
    stripe_payment_intent_id = models.CharField(max_length=255)
