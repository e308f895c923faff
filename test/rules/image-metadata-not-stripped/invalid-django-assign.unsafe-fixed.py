import io

from django.core.exceptions import BadRequest
from django.core.files.base import ContentFile
from django.shortcuts import redirect, render
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


def profile_picture(request):
    if request.method == "POST" and "picture" in request.FILES:
        profile = request.user.profile
        profile.picture = strip_image_metadata(request.FILES["picture"])  # expect: image-metadata-not-stripped
        profile.save()
        return redirect("profile")
    return render(request, "profile/picture.html")
