# shipguard-test: no-findings
from rest_framework import viewsets
from rest_framework.pagination import CursorPagination

from .models import Invoice
from .serializers import InvoiceSerializer


class InvoiceCursor(CursorPagination):
    ordering = "-created"


class InvoiceViewSet(viewsets.ModelViewSet):
    queryset = Invoice.objects.all()
    serializer_class = InvoiceSerializer
    pagination_class = InvoiceCursor
