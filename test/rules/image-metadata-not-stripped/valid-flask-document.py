# shipguard-test: no-findings
import os

from flask import Flask, request
from werkzeug.utils import secure_filename

app = Flask(__name__)


@app.post("/receipts")
def upload_receipt():
    file = request.files["receipt"]
    if not file.filename.endswith(".pdf"):
        return "PDF only", 415
    file.save(os.path.join("/srv/receipts", secure_filename(file.filename)))
    return "", 201
