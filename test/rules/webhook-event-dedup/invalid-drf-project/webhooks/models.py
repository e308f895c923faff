from django.db import models


class WebhookEvent(models.Model):
    event_id = models.CharField(
        max_length=255,
        unique=True,
        db_index=True,
    )
    type = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
