from pathlib import Path

from django.http import FileResponse
from django.views import View

EXPORTS = Path("/data/exports")


class ExportDownloadView(View):
    def get(self, request, export_name):
        return FileResponse((EXPORTS / export_name).open("rb"))  # expect: public-media-serving
