import os

from flask import Flask, jsonify, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
UPLOAD_DIR = "/srv/uploads"


@app.post("/avatar")
def upload_avatar():
    file = request.files.get("avatar")
    if file is None:
        return jsonify(error="No file"), 400
    filename = secure_filename(file.filename or "")
    file.save(os.path.join(UPLOAD_DIR, "avatars", filename))  # expect: image-metadata-not-stripped
    return jsonify(stored=filename), 201
