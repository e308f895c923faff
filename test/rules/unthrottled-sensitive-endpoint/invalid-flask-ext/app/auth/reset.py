from flask import Blueprint, request

from .. import config
from ..extensions import limiter

bp = Blueprint("reset", __name__, url_prefix="/account")


@bp.route("/reset-request", methods=["POST"])
@limiter.limit(config.RESET_RATE_LIMIT)
def reset_request():
    send_reset_link(request.form["email"])
    return {"sent": True}


@bp.route("/reset/<token>", methods=["POST"])
def reset_password(token):  # expect: unthrottled-sensitive-endpoint
    return {"ok": apply_reset(token, request.form["password"])}
