from flask import Blueprint, redirect, request
from flask_login import login_user

from .users import find_user

bp = Blueprint("auth", __name__, url_prefix="/auth")


@bp.route("/login", methods=["POST"])
def login():
    user = find_user(request.form["email"], request.form["password"])
    if user:
        login_user(user)
    return redirect("/")
