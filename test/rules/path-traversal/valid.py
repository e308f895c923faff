# shipguard-test: no-findings
import os
from pathlib import Path

from flask import Flask, abort, request, send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)
UPLOAD_DIR = "/srv/uploads"
REPORTS = {"sales": "sales.csv", "stock": "stock.csv"}


@app.post("/upload")
def upload():
    file = request.files["file"]
    file.save(os.path.join(UPLOAD_DIR, secure_filename(file.filename)))
    return "", 201


@app.get("/download")
def download():
    return send_from_directory(UPLOAD_DIR, request.args["name"])


@app.get("/basename")
def by_basename():
    name = os.path.basename(request.args.get("name", ""))
    return send_file(os.path.join(UPLOAD_DIR, name))


@app.get("/checked/<path:name>")
def checked(name):
    target = os.path.realpath(os.path.join(UPLOAD_DIR, name))
    if not target.startswith(UPLOAD_DIR + os.sep):
        abort(404)
    return send_file(target)


@app.get("/reports/<kind>")
def report(kind):
    return send_file(os.path.join(UPLOAD_DIR, REPORTS[kind]))


@app.get("/invoice/<int:invoice_id>")
def invoice(invoice_id):
    return send_file(os.path.join(UPLOAD_DIR, f"{int(invoice_id)}.pdf"))


def load_template(name):
    # a plain function: the caller's value, not the request's
    return Path("/srv/templates", name).read_text()


@app.get("/static-file")
def static_file():
    return send_file(os.path.join(UPLOAD_DIR, "logo.png"))


@app.get("/size")
def size():
    scale = request.args.get("scale", "1")
    return str(int(scale) / 2)


@app.get("/pages/<slug>")
def page(slug):
    # the default converter never matches a `/`
    return send_file(os.path.join(UPLOAD_DIR, f"{slug}.html"))
