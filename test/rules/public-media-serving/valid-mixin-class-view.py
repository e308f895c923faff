# shipguard-test: no-findings
from pathlib import Path

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse
from django.views import View
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

EXPORTS = Path("/data/exports")


class ExportDownloadView(LoginRequiredMixin, View):
    def get(self, request, export_name):
        return FileResponse((EXPORTS / export_name).open("rb"))


class ExportApiView(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request, export_name):
        return FileResponse(open(EXPORTS / export_name, "rb"))
