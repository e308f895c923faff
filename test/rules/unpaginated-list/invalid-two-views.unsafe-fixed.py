from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.viewsets import ModelViewSet

from .models import Tag, Ticket
from .serializers import TagSerializer, TicketSerializer


class StandardResultsSetPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class TagList(ListAPIView):  # expect: unpaginated-list
    pagination_class = StandardResultsSetPagination
    queryset = Tag.objects.all()
    serializer_class = TagSerializer


class TagDetail(RetrieveAPIView):
    queryset = Tag.objects.all()
    serializer_class = TagSerializer


class TicketViewSet(ModelViewSet):  # expect: unpaginated-list
    pagination_class = StandardResultsSetPagination
    queryset = Ticket.objects.all()
    serializer_class = TicketSerializer
