# shipguard-test: no-findings
import os

from flask import Flask, abort, request, send_file
from flask_login import current_user, login_required

app = Flask(__name__)


@app.route("/files")
@login_required
def get_file():
    return send_file(os.path.join("/srv/uploads", request.args["name"]))


@app.route("/avatars/<name>")
def avatar(name):
    if name not in current_user.avatar_names:
        abort(404)
    return send_file(os.path.join("/srv/avatars", name))
