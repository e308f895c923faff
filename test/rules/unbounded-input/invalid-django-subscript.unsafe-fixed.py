from datetime import timedelta

from django.core.exceptions import BadRequest
from django.http import JsonResponse
from django.utils import timezone

from .models import Order


def parse_bounded_int(value, maximum=1000):
    """A whole number from the request, clamped to 0..maximum; a 400 for anything else."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise BadRequest("Expected a whole number") from None
    return max(0, min(number, maximum))


def report(request):
    since = timezone.now() - timedelta(days=parse_bounded_int(request.GET["days"]))  # expect: unbounded-input
    return JsonResponse({"count": Order.objects.filter(created__gte=since).count()})
