from django.db import models


class RazorpayOrder(models.Model):
    receipt = models.CharField(max_length=40)
    razorpay_payment_id = models.CharField(max_length=64, default="")  # expect: payment-id-not-unique
    razorpay_order_id = models.CharField(max_length=64)  # expect: payment-id-not-unique
