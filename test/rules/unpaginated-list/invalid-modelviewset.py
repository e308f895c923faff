from rest_framework import viewsets

from .models import Invoice
from .serializers import InvoiceSerializer


class InvoiceViewSet(viewsets.ModelViewSet):  # expect: unpaginated-list
    queryset = Invoice.objects.order_by("-created")
    serializer_class = InvoiceSerializer
