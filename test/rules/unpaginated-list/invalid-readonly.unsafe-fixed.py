from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from .models import Product
from .serializers import ProductSerializer


class StandardResultsSetPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ProductViewSet(viewsets.ReadOnlyModelViewSet):  # expect: unpaginated-list
    pagination_class = StandardResultsSetPagination
    queryset = Product.objects.all()
    serializer_class = ProductSerializer

    @action(detail=True)
    def stock(self, request, pk=None):
        return Response({"stock": self.get_object().stock})
