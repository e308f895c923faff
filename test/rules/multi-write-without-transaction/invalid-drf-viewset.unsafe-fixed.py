from django.db import transaction
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .models import AuditLog, Invoice
from .serializers import InvoiceSerializer


class InvoiceViewSet(viewsets.ModelViewSet):
    queryset = Invoice.objects.all()
    serializer_class = InvoiceSerializer

    @transaction.atomic
    def perform_create(self, serializer):  # expect: multi-write-without-transaction
        invoice = serializer.save(owner=self.request.user)
        AuditLog.objects.create(actor=self.request.user, action="invoice.created", target_id=invoice.pk)

    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):  # expect: multi-write-without-transaction
        invoice = self.get_object()
        invoice.status = "void"
        with transaction.atomic():
            invoice.save(update_fields=["status"])
            invoice.payments.all().delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
