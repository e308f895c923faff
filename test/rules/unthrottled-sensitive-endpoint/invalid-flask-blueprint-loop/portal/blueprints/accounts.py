"""Sign-in and password reset for portal users."""
import flask
from flask import request

bp = flask.Blueprint("accounts", __name__, url_prefix="/accounts")


@bp.post("/sign-in")
def sign_in():  # expect: unthrottled-sensitive-endpoint
    return {"token": issue_token(request.json["email"], request.json["password"])}


@bp.get("/profile")
def profile():
    return {"name": current_user().name}
