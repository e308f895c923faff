from django.db import models


class StripeWebhookEvent(models.Model):
    stripe_event_id = models.CharField(max_length=255, unique=True)
    payload = models.JSONField()
    livemode = models.BooleanField()
