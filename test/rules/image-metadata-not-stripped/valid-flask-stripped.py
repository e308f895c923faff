# shipguard-test: no-findings
import io

from flask import Flask, request
from PIL import Image, ImageOps

app = Flask(__name__)


@app.post("/avatar")
def upload_avatar():
    file = request.files["avatar"]
    with Image.open(file.stream) as image:
        clean = ImageOps.exif_transpose(image)
        clean.save("/srv/avatars/me.png", format="PNG")
    return "", 201
