from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.viewsets import ModelViewSet

from .models import Correspondent
from .serializers import CorrespondentSerializer


class StandardResultsSetPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class CorrespondentViewSet(ModelViewSet[Correspondent]):  # expect: unpaginated-list
    pagination_class = StandardResultsSetPagination
    model = Correspondent

    queryset = Correspondent.objects.order_by("name")

    serializer_class = CorrespondentSerializer
    permission_classes = (IsAuthenticated,)
