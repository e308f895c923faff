# shipguard-test: no-findings
from flask import Flask, request

from .images import strip_image_metadata

app = Flask(__name__)


@app.post("/avatar")
def upload_avatar():
    avatar = request.files["avatar"]
    strip_image_metadata(avatar).save("/srv/avatars/me.jpg")
    return "", 201


@app.post("/photo")
def upload_photo():
    photo = request.files["photo"]
    photo = reencode_without_tags(photo)
    photo.save("/srv/photos/me.jpg")
    return "", 201
