from django.db import models


class Booking(models.Model):
    user = models.ForeignKey("auth.User", on_delete=models.CASCADE)
    slot = models.ForeignKey("calendar.Slot", on_delete=models.CASCADE)
    payment_intent = models.CharField(max_length=100, null=True, unique=True)  # expect: payment-id-not-unique

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "slot"], name="one_booking_per_slot"),
        ]
