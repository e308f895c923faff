import io
import os

from flask import Flask, abort, jsonify, request
from PIL import Image, ImageOps
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

app = Flask(__name__)
UPLOAD_DIR = "/srv/uploads"


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


@app.post("/avatar")
def upload_avatar():
    file = request.files.get("avatar")
    if file is None:
        return jsonify(error="No file"), 400
    filename = secure_filename(file.filename or "")
    strip_image_metadata(file).save(os.path.join(UPLOAD_DIR, "avatars", filename))  # expect: image-metadata-not-stripped
    return jsonify(stored=filename), 201
