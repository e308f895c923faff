from django.db import models


class Donation(models.Model):
    donor_email = models.EmailField()
    paypal_order_id = models.CharField(max_length=64, null=True, blank=True, unique=True)  # expect: payment-id-not-unique
    paypal_capture_id = models.CharField(max_length=64, null=True, blank=True, db_index=True, unique=True)  # expect: payment-id-not-unique
    amount = models.DecimalField(max_digits=10, decimal_places=2)
