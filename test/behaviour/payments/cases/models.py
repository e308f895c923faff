from django.db import models


class Payment(models.Model):
    order_ref = models.CharField(max_length=40)
    stripe_payment_intent_id = models.CharField(max_length=255)
    amount_cents = models.PositiveIntegerField()

    class Meta:
        app_label = "billing"
