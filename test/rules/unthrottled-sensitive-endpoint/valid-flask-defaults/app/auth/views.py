# shipguard-test: no-findings
from flask import Blueprint, request

from app.extensions import limiter

bp = Blueprint("auth", __name__)


@bp.post("/subscribe")
def subscribe():
    # covered by the limiter's default_limits
    return {"ok": start_plan(request.form)}


@bp.post("/login")
@limiter.limit("3 per minute")
def login():
    return {"id": 1}, 201
