"""A Flask upload / download service that builds paths from the names clients send (the codemod's input)."""
import os
from pathlib import Path

from flask import Flask, abort, jsonify, request, send_file

app = Flask(__name__)
app.config["UPLOAD_FOLDER"] = "/srv/uploads"


@app.post("/upload")
def upload():
    file = request.files["file"]
    file.save(os.path.join(app.config["UPLOAD_FOLDER"], file.filename))
    return jsonify(stored=file.filename), 201


@app.get("/download")
def download():
    name = request.args.get("name", "")
    path = os.path.join(app.config["UPLOAD_FOLDER"], name)
    if not os.path.isfile(path):
        abort(404)
    return send_file(path)


@app.get("/exports/<path:name>")
def export(name):
    target = Path(app.config["UPLOAD_FOLDER"]) / name
    if not target.is_file():
        abort(404)
    return send_file(target)
