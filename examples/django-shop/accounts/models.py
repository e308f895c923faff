from django.conf import settings
from django.db import models


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    stripe_customer_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    loyalty_points = models.PositiveIntegerField(default=0)
    organiser_plan_active = models.BooleanField(default=False)
    marketing_opt_in = models.BooleanField(default=False)
