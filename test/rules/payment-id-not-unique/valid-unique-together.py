# shipguard-test: no-findings
from django.db import models


class IdempotentRequest(models.Model):
    user = models.ForeignKey("auth.User", on_delete=models.CASCADE)
    idempotency_key = models.CharField(max_length=64)
    response_body = models.JSONField()

    class Meta:
        unique_together = [("user", "idempotency_key")]
