from rest_framework.permissions import IsAuthenticated
from rest_framework.viewsets import ModelViewSet

from .models import Correspondent
from .serializers import CorrespondentSerializer


class CorrespondentViewSet(ModelViewSet[Correspondent]):  # expect: unpaginated-list
    model = Correspondent

    queryset = Correspondent.objects.order_by("name")

    serializer_class = CorrespondentSerializer
    permission_classes = (IsAuthenticated,)
