from django.core.exceptions import BadRequest
from django.http import JsonResponse

from .models import Metric


def parse_bounded_int(value, maximum=1000):
    """A whole number from the request, clamped to 0..maximum; a 400 for anything else."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise BadRequest("Expected a whole number") from None
    return max(0, min(number, maximum))


def metrics(request):
    raw = request.GET.get("window", "60")
    window = parse_bounded_int(raw)  # expect: unbounded-input
    return JsonResponse({"points": Metric.objects.last_minutes(window)})
