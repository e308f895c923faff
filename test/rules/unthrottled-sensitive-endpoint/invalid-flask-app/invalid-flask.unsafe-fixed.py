import os

from flask import Blueprint, Flask, jsonify, request
from flask.views import MethodView
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

app = Flask(__name__)
limiter = Limiter(get_remote_address, app=app, storage_uri=os.environ["REDIS_URL"])
auth = Blueprint("auth", __name__, url_prefix="/auth")


@app.route("/login", methods=["GET", "POST"])
@limiter.limit("5 per minute")
def login():  # expect: unthrottled-sensitive-endpoint
    return jsonify(ok=check(request.form["username"], request.form["password"]))


@auth.post("/register")
@limiter.limit("5 per minute")
def create_account():  # expect: unthrottled-sensitive-endpoint
    return jsonify(id=make_user(request.json)), 201


@auth.route("/reset-password", methods=["POST"])
@limiter.limit("5 per minute")
def reset():  # expect: unthrottled-sensitive-endpoint
    send_reset(request.json["email"])
    return "", 202


class CheckoutAPI(MethodView):  # expect: unthrottled-sensitive-endpoint
    def post(self):
        return jsonify(charge(request.json)), 201


app.add_url_rule("/checkout", view_func=CheckoutAPI.as_view("checkout"))


def upload_avatar():
    return "", 204


app.add_url_rule("/avatar/upload", view_func=upload_avatar, methods=["POST"])  # expect: unthrottled-sensitive-endpoint
