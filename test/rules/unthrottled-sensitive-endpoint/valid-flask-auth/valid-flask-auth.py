# shipguard-test: no-findings
from flask import Blueprint, jsonify
from flask_jwt_extended import jwt_required
from flask_restx import Namespace, Resource
from flask_login import current_user, login_required

from .utils.decorators import authed_only, require_verified_emails

# no flask-limiter in this app: only endpoints a logged-in user reaches
api = Blueprint("api", __name__)
tokens_namespace = Namespace("tokens")


@api.route("/tokens", methods=["POST"])
@authed_only
def create_token():
    return jsonify(token=current_user.new_token()), 201


@api.post("/account/password")
@login_required
def change_password():
    return jsonify(ok=True)


@api.post("/otp/verify")
@jwt_required()
def verify_second_factor():
    return jsonify(ok=True)


@tokens_namespace.route("")
class TokenList(Resource):
    @authed_only
    def get(self):
        return {"data": []}

    @require_verified_emails
    @authed_only
    def post(self):
        return {"data": current_user.new_token()}
