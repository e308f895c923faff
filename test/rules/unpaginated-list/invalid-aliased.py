import rest_framework.generics as drf_generics
from rest_framework.pagination import LimitOffsetPagination

from .models import Event
from .serializers import EventSerializer


class EventFeed(drf_generics.ListAPIView):  # expect: unpaginated-list
    queryset = Event.objects.order_by("-at")
    serializer_class = EventSerializer


class PagedEvents(drf_generics.ListAPIView):
    queryset = Event.objects.order_by("-at")
    serializer_class = EventSerializer
    pagination_class = LimitOffsetPagination
