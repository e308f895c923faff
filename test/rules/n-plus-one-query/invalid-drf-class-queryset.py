from rest_framework import generics, serializers
from rest_framework.response import Response

from .models import Order


class OrderRowSerializer(serializers.Serializer):
    total = serializers.DecimalField(max_digits=10, decimal_places=2)
    customer = serializers.CharField()


class OrderExport(generics.GenericAPIView):
    queryset = Order.objects.filter(total__gt=0).order_by("-id")
    serializer_class = OrderRowSerializer

    def get(self, request):
        rows = [{"total": o.total, "customer": o.customer.name} for o in self.get_queryset()]  # expect: n-plus-one-query
        return Response(self.get_serializer(rows, many=True).data)
