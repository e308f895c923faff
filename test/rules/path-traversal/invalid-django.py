import os

from django.conf import settings
from django.http import FileResponse, JsonResponse


def upload(request):
    f = request.FILES["document"]
    path = os.path.join(settings.MEDIA_ROOT, "docs", f.name)  # expect: path-traversal
    with open(path, "wb") as out:
        for chunk in f.chunks():
            out.write(chunk)
    return JsonResponse({"ok": True})


def download(request, filename):
    return FileResponse(open(os.path.join(settings.MEDIA_ROOT, filename), "rb"))  # expect: path-traversal
