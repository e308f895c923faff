from flask import Blueprint, request

from ..extensions import limiter

bp = Blueprint("auth", __name__, url_prefix="/auth")


@bp.route("/login", methods=["POST"])
@limiter.limit("5 per minute")
def login():
    return {"ok": check(request.form)}


@bp.post("/register")
def register():  # expect: unthrottled-sensitive-endpoint
    return {"id": create_user(request.json)}, 201


@bp.post("/otp/verify")
def otp():  # expect: unthrottled-sensitive-endpoint
    return {"ok": verify_code(request.json["code"])}
