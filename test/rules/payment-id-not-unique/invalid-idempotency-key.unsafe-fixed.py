from django.db import models


class PayoutRequest(models.Model):
    account = models.ForeignKey("accounts.Account", on_delete=models.CASCADE)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    idempotency_key = models.CharField(max_length=64, db_index=True, unique=True)  # expect: payment-id-not-unique
    requested_at = models.DateTimeField(auto_now_add=True)
