from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.viewsets import ModelViewSet

from .models import Tag, Ticket
from .serializers import TagSerializer, TicketSerializer


class TagList(ListAPIView):  # expect: unpaginated-list
    queryset = Tag.objects.all()
    serializer_class = TagSerializer


class TagDetail(RetrieveAPIView):
    queryset = Tag.objects.all()
    serializer_class = TagSerializer


class TicketViewSet(ModelViewSet):  # expect: unpaginated-list
    queryset = Ticket.objects.all()
    serializer_class = TicketSerializer
