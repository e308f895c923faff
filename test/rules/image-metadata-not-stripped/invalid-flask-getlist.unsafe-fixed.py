import io
from pathlib import Path

from flask import Flask
from flask import abort
from flask import request as req
from PIL import Image, ImageOps
from werkzeug.datastructures import FileStorage

app = Flask(__name__)
GALLERY = Path("/srv/gallery")


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


@app.route("/gallery", methods=["POST"])
def add_photos():
    saved = []
    for photo in req.files.getlist("photos"):
        target = GALLERY / f"{len(saved)}.png"
        strip_image_metadata(photo).save(target)  # expect: image-metadata-not-stripped
        saved.append(target.name)
    return {"saved": saved}
