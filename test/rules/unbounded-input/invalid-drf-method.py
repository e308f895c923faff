from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .models import Device


class DeviceViewSet(viewsets.ViewSet):
    @action(detail=False)
    def history(self, request):
        hours = int(request.query_params["hours"])  # expect: unbounded-input
        return Response(Device.objects.history(hours=hours))
