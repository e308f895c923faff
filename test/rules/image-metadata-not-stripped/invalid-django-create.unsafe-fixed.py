import io

from django.core.exceptions import BadRequest
from django.core.files.base import ContentFile
from django.http import JsonResponse
from django.views.decorators.http import require_POST
from PIL import Image, ImageOps

from .models import Photo


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


@require_POST
def add_photo(request, album_id):
    Photo.objects.create(album_id=album_id, image=strip_image_metadata(request.FILES["image"]), owner=request.user)  # expect: image-metadata-not-stripped
    return JsonResponse({"ok": True}, status=201)
