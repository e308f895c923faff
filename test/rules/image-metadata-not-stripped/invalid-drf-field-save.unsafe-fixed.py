import io

from django.core.exceptions import BadRequest
from django.core.files.base import ContentFile
from PIL import Image, ImageOps
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView


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


class LogoUpload(APIView):
    parser_classes = [MultiPartParser]

    def put(self, request, pk):
        company = self.get_object(pk)
        logo = request.data["logo"]
        company.logo.save(logo.name, strip_image_metadata(logo), save=True)  # expect: image-metadata-not-stripped
        return Response(status=204)
