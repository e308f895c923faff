"""Sign-in and password reset for portal users."""
import os

import flask
from flask import request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

bp = flask.Blueprint("accounts", __name__, url_prefix="/accounts")
limiter = Limiter(get_remote_address, storage_uri=os.environ["REDIS_URL"])
bp.record_once(lambda state: limiter.init_app(state.app))


@bp.post("/sign-in")
@limiter.limit("5 per minute")
def sign_in():  # expect: unthrottled-sensitive-endpoint
    return {"token": issue_token(request.json["email"], request.json["password"])}


@bp.get("/profile")
def profile():
    return {"name": current_user().name}
