from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from .models import Device


def parse_bounded_int(value, maximum=1000):
    """A whole number from the request, clamped to 0..maximum; a 400 for anything else."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError("Expected a whole number") from None
    return max(0, min(number, maximum))


class DeviceViewSet(viewsets.ViewSet):
    @action(detail=False)
    def history(self, request):
        hours = parse_bounded_int(request.query_params["hours"])  # expect: unbounded-input
        return Response(Device.objects.history(hours=hours))
