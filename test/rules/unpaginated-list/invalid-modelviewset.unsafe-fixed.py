from rest_framework import viewsets
from rest_framework.pagination import PageNumberPagination

from .models import Invoice
from .serializers import InvoiceSerializer


class StandardResultsSetPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class InvoiceViewSet(viewsets.ModelViewSet):  # expect: unpaginated-list
    pagination_class = StandardResultsSetPagination
    queryset = Invoice.objects.order_by("-created")
    serializer_class = InvoiceSerializer
