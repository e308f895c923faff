import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import JsonResponse
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


@login_required
def upload_avatar(request):
    upload = request.FILES["avatar"]
    path = default_storage.save(f"avatars/{request.user.pk}.jpg", strip_image_metadata(upload))  # expect: image-metadata-not-stripped
    return JsonResponse({"path": path})
