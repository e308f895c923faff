# shipguard-test: no-findings
"""The shop owner's tools: every route is under /admin once the factory registers the blueprint."""
from flask import Blueprint, request

from shop.auth import login_required

admin = Blueprint("admin", __name__, template_folder="templates")


@admin.route("/upload-logo", methods=["POST"])
@login_required
def upload_logo():
    request.files["file"].save("/srv/static/logo.png")
    return "", 204


@admin.route("/backfill/transactions/<int:days>")
@login_required
def backfill_transactions(days):
    return {"days": days}


from . import export  # noqa: E402,F401  (routes of the package's other modules)
