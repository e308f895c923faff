import io
import os

from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.files.base import ContentFile
from django.http import HttpResponse, HttpResponseBadRequest
from PIL import Image, ImageOps


def strip_image_metadata(upload):
    """The uploaded image re-encoded by Pillow without its EXIF data (GPS position, camera serial)."""
    buffer = io.BytesIO()
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image_format = image.format
            clean = ImageOps.exif_transpose(image)
            clean.info.pop("exif", None)
            clean.info.pop("xmp", None)
            clean.save(buffer, format=image_format, exif=b"")
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise BadRequest("The upload is not a readable image") from exc
    buffer.seek(0)
    return ContentFile(buffer.getvalue(), name=upload.name)


def upload_scan(request):
    f = request.FILES.get("document")
    if f is None or f.content_type not in ("image/jpeg", "image/tiff"):
        return HttpResponseBadRequest("JPEG or TIFF only")
    dest = os.path.join(settings.MEDIA_ROOT, "scans", f"{request.user.pk}.jpg")
    with open(dest, "wb") as out:
        for chunk in strip_image_metadata(f).chunks():  # expect: image-metadata-not-stripped
            out.write(chunk)
    return HttpResponse(status=201)
