from django.core.exceptions import BadRequest
from django.http import JsonResponse

from .models import Log


def parse_bounded_int(value, maximum=1000):
    """A whole number from the request, clamped to 0..maximum; a 400 for anything else."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise BadRequest("Expected a whole number") from None
    return max(0, min(number, maximum))


def logs(request):
    offset = parse_bounded_int(request.GET.get("offset", 0))  # expect: unbounded-input
    limit = parse_bounded_int(request.GET.get("limit", 100))  # expect: unbounded-input
    rows = Log.objects.all()[offset : offset + limit]
    return JsonResponse({"logs": list(rows.values())})
