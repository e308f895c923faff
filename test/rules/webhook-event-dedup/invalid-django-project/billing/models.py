from django.db import models


class Account(models.Model):
    stripe_customer_id = models.CharField(max_length=64, unique=True)
    credits = models.IntegerField(default=0)


class ProcessedStripeEvent(models.Model):
    stripe_event_id = models.CharField(max_length=255, unique=True)
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.stripe_event_id
