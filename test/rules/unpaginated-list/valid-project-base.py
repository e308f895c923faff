# shipguard-test: no-findings
from core.api import BaseViewSet

from .models import Invoice
from .serializers import InvoiceSerializer


class InvoiceViewSet(BaseViewSet):
    queryset = Invoice.objects.all()
    serializer_class = InvoiceSerializer
