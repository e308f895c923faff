import io
import uuid

from flask import Blueprint, abort, request
from PIL import Image, ImageOps
from werkzeug.datastructures import FileStorage

bp = Blueprint("listings", __name__)
ALLOWED = {"image/jpeg", "image/png"}


def strip_image_metadata(upload):
    """The uploaded image re-encoded by Pillow without its EXIF data (GPS position, camera serial)."""
    buffer = io.BytesIO()
    try:
        with Image.open(upload.stream) as image:
            image_format = image.format
            clean = ImageOps.exif_transpose(image)
            clean.info.pop("exif", None)
            clean.info.pop("xmp", None)
            clean.save(buffer, format=image_format, exif=b"")
    except (OSError, ValueError, Image.DecompressionBombError):
        abort(400, "The upload is not a readable image")
    buffer.seek(0)
    return FileStorage(buffer, filename=upload.filename, name=upload.name, content_type=upload.content_type)


@bp.route("/listings/<int:listing_id>/upload", methods=["POST"])
def upload(listing_id):
    f = request.files["file"]
    if f.mimetype not in ALLOWED:
        abort(415)
    name = f"{uuid.uuid4().hex}.jpg"
    strip_image_metadata(f).save(f"/var/media/listings/{listing_id}/{name}")  # expect: image-metadata-not-stripped
    return {"name": name}, 201
