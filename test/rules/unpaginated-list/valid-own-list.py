# shipguard-test: no-findings
from rest_framework import viewsets
from rest_framework.response import Response

from .models import Setting
from .serializers import SettingSerializer


class SettingViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Setting.objects.all()
    serializer_class = SettingSerializer

    def list(self, request):
        return Response(SettingSerializer(self.get_queryset()[:20], many=True).data)
