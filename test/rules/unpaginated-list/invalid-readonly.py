from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .models import Product
from .serializers import ProductSerializer


class ProductViewSet(viewsets.ReadOnlyModelViewSet):  # expect: unpaginated-list
    queryset = Product.objects.all()
    serializer_class = ProductSerializer

    @action(detail=True)
    def stock(self, request, pk=None):
        return Response({"stock": self.get_object().stock})
