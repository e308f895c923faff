from flask import Blueprint

from app.extensions import limiter

bp = Blueprint("exempt", __name__)


@bp.post("/password/reset")
@limiter.exempt
def reset():  # expect: unthrottled-sensitive-endpoint
    return "", 202
