# shipguard-test: no-findings
from django.db import models


class StripeEvent(models.Model):
    stripe_event_id = models.CharField(primary_key=True, max_length=255)
    type = models.CharField(max_length=100)
    processed_at = models.DateTimeField(auto_now_add=True)
