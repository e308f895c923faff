import rest_framework.generics as drf_generics
from rest_framework.pagination import LimitOffsetPagination, PageNumberPagination

from .models import Event
from .serializers import EventSerializer


class StandardResultsSetPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class EventFeed(drf_generics.ListAPIView):  # expect: unpaginated-list
    pagination_class = StandardResultsSetPagination
    queryset = Event.objects.order_by("-at")
    serializer_class = EventSerializer


class PagedEvents(drf_generics.ListAPIView):
    queryset = Event.objects.order_by("-at")
    serializer_class = EventSerializer
    pagination_class = LimitOffsetPagination
