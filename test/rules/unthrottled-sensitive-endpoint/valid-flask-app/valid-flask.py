# shipguard-test: no-findings
from flask import Blueprint, Flask, jsonify, request
from flask.views import MethodView
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

app = Flask(__name__)
limiter = Limiter(get_remote_address, app=app, storage_uri="redis://localhost:6379")
auth = Blueprint("auth", __name__)


@app.route("/login", methods=["GET", "POST"])
@limiter.limit("5 per minute")
def login():
    return jsonify(ok=True)


@auth.post("/register")
@limiter.limit("3 per hour")
def create_account():
    return jsonify(id=1), 201


@app.route("/login/help")
def login_help():
    # GET only: renders a page
    return "help"


class CheckoutAPI(MethodView):
    decorators = [limiter.limit("10 per minute")]

    def post(self):
        return jsonify(ok=True), 201


app.add_url_rule("/checkout", view_func=CheckoutAPI.as_view("checkout"))


def upload_avatar():
    return "", 204


app.add_url_rule("/avatar/upload", view_func=limiter.limit("5/minute")(upload_avatar), methods=["POST"])


@app.post("/profile")
def profile():
    return "", 204
