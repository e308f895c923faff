from django.conf import settings
from django.db import models


class Payment(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="payments")
    stripe_payment_intent_id = models.CharField(max_length=255, unique=True)  # expect: payment-id-not-unique
    amount_cents = models.PositiveIntegerField()
    currency = models.CharField(max_length=3, default="eur")
    created_at = models.DateTimeField(auto_now_add=True)
