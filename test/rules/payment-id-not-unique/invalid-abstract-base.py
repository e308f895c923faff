from django.db import models


class StripePaymentMixin(models.Model):
    stripe_payment_intent_id = models.CharField(max_length=255, null=True, editable=False)  # expect: payment-id-not-unique

    class Meta:
        abstract = True


class EventTicket(StripePaymentMixin):
    seat = models.CharField(max_length=10)
