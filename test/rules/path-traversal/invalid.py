import os
import shutil
from pathlib import Path

from flask import Flask, jsonify, request, send_file

app = Flask(__name__)
UPLOAD_DIR = "/srv/uploads"
EXPORT_DIR = Path("/srv/exports")


@app.post("/upload")
def upload():
    file = request.files["file"]
    file.save(os.path.join(UPLOAD_DIR, file.filename))  # expect: path-traversal
    return jsonify(stored=file.filename), 201


@app.get("/download")
def download():
    name = request.args.get("name", "")
    return send_file(os.path.join(UPLOAD_DIR, name))  # expect: path-traversal


@app.get("/exports/<path:name>")
def export(name):
    return send_file(EXPORT_DIR / name)  # expect: path-traversal


@app.delete("/files/<path:name>")
def delete(name):
    os.remove(f"{UPLOAD_DIR}/{name}")  # expect: path-traversal
    return "", 204


@app.post("/archive")
def archive():
    src = request.form["path"]
    shutil.copy(src, "/srv/archive")  # expect: path-traversal
    return "", 204


@app.get("/notes")
def notes():
    with open(UPLOAD_DIR + "/" + request.args["note"]) as f:  # expect: path-traversal
        return f.read()


@app.post("/avatars")
def avatar():
    upload = request.files.get("avatar")
    target = Path(UPLOAD_DIR, "avatars", upload.filename)  # expect: path-traversal
    upload.save(target)
    return "", 201
