from flask import Blueprint, redirect, request, session, url_for

from ..limiter import limiter
from ..models import User

auth_bp = Blueprint("auth", __name__, template_folder="templates")


@auth_bp.route("/login", methods=["GET", "POST"])
@limiter.limit("5 per minute", methods=["POST"])
def login():  # expect: unthrottled-sensitive-endpoint
    if request.method == "POST":
        user = User.query.filter_by(email=request.form["email"]).first()
        if user and user.check_password(request.form["password"]):
            session["user_id"] = user.id
            return redirect(url_for("pages.index"))
    return "login form"


@auth_bp.route("/forgot-password", methods=["POST"])
@limiter.limit("5 per minute")
def forgot_password():  # expect: unthrottled-sensitive-endpoint
    User.send_reset_email(request.form["email"])
    return redirect(url_for("auth.login"))


@auth_bp.route("/logout")
def logout():
    session.clear()
    return redirect(url_for("pages.index"))
