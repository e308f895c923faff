# shipguard-test: no-findings
from django.db import transaction
from django.utils.decorators import method_decorator
from rest_framework import generics

from .models import AuditLog, Invoice
from .serializers import InvoiceSerializer


@method_decorator(transaction.atomic, name="dispatch")
class InvoiceCreateView(generics.CreateAPIView):
    queryset = Invoice.objects.all()
    serializer_class = InvoiceSerializer

    @transaction.atomic
    def perform_create(self, serializer):
        invoice = serializer.save()
        AuditLog.objects.create(action="invoice.created", target_id=invoice.pk)
