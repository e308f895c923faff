# shipguard-test: no-findings
from django.db import models


class Payment(models.Model):
    stripe_customer_id = models.CharField(max_length=255)
    stripe_price_id = models.CharField(max_length=255)
    stripe_payment_method_id = models.CharField(max_length=255, blank=True)
    stripe_subscription_id = models.CharField(max_length=255, blank=True)
    amount_cents = models.PositiveIntegerField()
