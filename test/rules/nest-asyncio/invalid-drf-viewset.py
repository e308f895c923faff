import asyncio

from rest_framework import viewsets
from rest_framework.response import Response

from .models import Shipment
from .serializers import ShipmentSerializer
from .tracking import track_all


class ShipmentViewSet(viewsets.ModelViewSet):
    queryset = Shipment.objects.all()
    serializer_class = ShipmentSerializer

    def list(self, request, *args, **kwargs):
        numbers = list(self.get_queryset().values_list("tracking_number", flat=True))
        statuses = asyncio.new_event_loop().run_until_complete(track_all(numbers))  # expect: nest-asyncio
        return Response(statuses)
