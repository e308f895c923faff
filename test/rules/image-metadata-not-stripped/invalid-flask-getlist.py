from pathlib import Path

from flask import Flask
from flask import request as req

app = Flask(__name__)
GALLERY = Path("/srv/gallery")


@app.route("/gallery", methods=["POST"])
def add_photos():
    saved = []
    for photo in req.files.getlist("photos"):
        target = GALLERY / f"{len(saved)}.png"
        photo.save(target)  # expect: image-metadata-not-stripped
        saved.append(target.name)
    return {"saved": saved}
