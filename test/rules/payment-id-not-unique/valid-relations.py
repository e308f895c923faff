# shipguard-test: no-findings
from django.db import models


class PaymentIntent(models.Model):
    stripe_id = models.CharField(max_length=255, unique=True)


class Order(models.Model):
    payment_intent = models.ForeignKey(PaymentIntent, on_delete=models.PROTECT)
    stripe_charge_id = models.OneToOneField("billing.Charge", on_delete=models.PROTECT, null=True)
