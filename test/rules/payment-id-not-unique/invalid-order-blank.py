from django.db import models


class TicketOrder(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending payment"
        PAID = "paid", "Paid"

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    stripe_checkout_session_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_payment_intent_id = models.CharField(max_length=255, blank=True)  # expect: payment-id-not-unique
    stripe_charge_id = models.CharField(max_length=255, null=True, blank=True)  # expect: payment-id-not-unique

    class Meta:
        ordering = ["-id"]
