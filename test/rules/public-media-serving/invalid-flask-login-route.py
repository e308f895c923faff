from pathlib import Path

from flask import Blueprint, send_file
from flask_login import current_user, login_required

bp = Blueprint("reports", __name__)
REPORTS = Path("/var/reports")


@bp.route("/me")
@login_required
def me():
    return {"id": current_user.id}


@bp.get("/reports/<path:name>")
def report(name):
    return send_file(REPORTS / name)  # expect: public-media-serving
