import os

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest


def upload_scan(request):
    f = request.FILES.get("document")
    if f is None or f.content_type not in ("image/jpeg", "image/tiff"):
        return HttpResponseBadRequest("JPEG or TIFF only")
    dest = os.path.join(settings.MEDIA_ROOT, "scans", f"{request.user.pk}.jpg")
    with open(dest, "wb") as out:
        for chunk in f.chunks():  # expect: image-metadata-not-stripped
            out.write(chunk)
    return HttpResponse(status=201)
