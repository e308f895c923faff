# shipguard-test: no-findings
from django.db import models


class Refund(models.Model):
    stripe_charge_id = models.CharField(max_length=255)
    stripe_refund_id = models.CharField(max_length=255, unique=True)
    amount_cents = models.PositiveIntegerField()


class PaymentAttempt(models.Model):
    payment_intent_id = models.CharField(max_length=255, db_index=True)
    error_code = models.CharField(max_length=64, blank=True)


class WebhookLog(models.Model):
    stripe_event_id = models.CharField(max_length=255, unique=True)
    stripe_payment_intent_id = models.CharField(max_length=255, blank=True)
    payload = models.JSONField()


class Event(models.Model):
    """A Stripe event: one API request (one idempotency key) can create several."""

    stripe_id = models.CharField(max_length=255, unique=True)
    idempotency_key = models.TextField(default="", blank=True)
