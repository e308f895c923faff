import logging

import requests
from django.db import transaction

from .models import Profile

logger = logging.getLogger(__name__)

GEO_LOOKUP_URL = "https://ipapi.co/{ip}/json/"


def ensure_profile(user):
    if not Profile.objects.filter(user=user).exists():
        Profile.objects.create(user=user)
    return user.profile


def award_loyalty_points(user, order):
    profile = Profile.objects.get(user=user)
    profile.loyalty_points = profile.loyalty_points + order.quantity * 10
    profile.save()


def spend_loyalty_points(user, points):
    with transaction.atomic():
        profile = Profile.objects.select_for_update().get(user=user)
        if profile.loyalty_points < points:
            return False
        profile.loyalty_points -= points
        profile.save(update_fields=["loyalty_points"])
    return True


def country_for_ip(ip_address):
    try:
        response = requests.get(GEO_LOOKUP_URL.format(ip=ip_address))
        response.raise_for_status()
        return response.json().get("country_code")
    except (requests.RequestException, ValueError) as e:
        logger.error(f"Geo lookup failed for {ip_address}: {e}")
        return None
