import os

from flask import Flask, request, send_file

app = Flask(__name__)
UPLOADS = "/srv/uploads"


@app.route("/files")
def get_file():
    return send_file(os.path.join(UPLOADS, request.args["name"]))  # expect: public-media-serving
