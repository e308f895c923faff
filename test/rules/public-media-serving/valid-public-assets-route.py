# shipguard-test: no-findings
import os

from flask import Blueprint, abort, current_app, send_file
from werkzeug.security import safe_join

views = Blueprint("views", __name__)


@views.route("/themes/<theme>/static/<path:path>")
def themes(theme, path):
    cand_path = safe_join(current_app.root_path, "themes", theme, "static", path)
    if cand_path is None or not os.path.isfile(cand_path):
        abort(404)
    return send_file(cand_path, max_age=3600)
