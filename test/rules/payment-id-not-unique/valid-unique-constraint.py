# shipguard-test: no-findings
from django.db import models
from django.db.models import Q, UniqueConstraint


class Order(models.Model):
    stripe_payment_intent_id = models.CharField(max_length=255, blank=True)
    paypal_order_id = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            UniqueConstraint(
                fields=["stripe_payment_intent_id"],
                condition=~Q(stripe_payment_intent_id=""),
                name="unique_payment_intent",
            ),
            models.UniqueConstraint(fields=["paypal_order_id"], name="unique_paypal_order"),
        ]
