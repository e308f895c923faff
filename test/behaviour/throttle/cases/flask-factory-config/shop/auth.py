from flask import Blueprint, request

auth_bp = Blueprint("auth", __name__)


@auth_bp.route("/login", methods=["POST"])
def login():
    return {"ok": request.form.get("password") == "correct horse"}
