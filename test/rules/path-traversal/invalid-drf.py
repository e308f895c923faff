"""DRF views that move and serve files named by the client."""
import os
import shutil

from django.conf import settings
from django.http import FileResponse
from rest_framework.decorators import api_view
from rest_framework.response import Response


@api_view(["POST"])
def move(request):
    src = request.data["from"]
    shutil.move(os.path.join(settings.MEDIA_ROOT, src), settings.ARCHIVE_ROOT)  # expect: path-traversal
    return Response(status=204)


@api_view(["GET"])
def attachment(request):
    name = request.query_params.get("name", "")
    return FileResponse(open(os.path.join(settings.MEDIA_ROOT, "attachments", name), "rb"))  # expect: path-traversal
