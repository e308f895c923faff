from django.db import models


class Subscription(models.Model):
    team = models.OneToOneField("teams.Team", on_delete=models.CASCADE)
    stripe_subscription_id = models.CharField(max_length=255)  # expect: payment-id-not-unique
    stripe_customer_id = models.CharField(max_length=255)
    stripe_price_id = models.CharField(max_length=255)


class StripeInvoice(models.Model):
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="invoices")
    stripe_invoice_id = models.TextField()  # expect: payment-id-not-unique
    stripe_subscription_id = models.CharField(max_length=255)
