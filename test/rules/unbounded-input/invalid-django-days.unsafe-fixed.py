from django.core.exceptions import BadRequest
from django.http import JsonResponse

from .models import Event


def parse_bounded_int(value, maximum=1000):
    """A whole number from the request, clamped to 0..maximum; a 400 for anything else."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise BadRequest("Expected a whole number") from None
    return max(0, min(number, maximum))


def recent_events(request):
    days = parse_bounded_int(request.GET.get("days", 7))  # expect: unbounded-input
    rows = Event.objects.recent(days)
    return JsonResponse({"events": list(rows.values())})
