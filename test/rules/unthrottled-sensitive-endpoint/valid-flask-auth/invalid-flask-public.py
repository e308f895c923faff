from flask import Blueprint, jsonify
from flask_restx import Namespace, Resource

from .utils.decorators import authed_only, require_verified_emails

api = Blueprint("api", __name__)
tokens_namespace = Namespace("tokens")


@api.post("/login")
def login():  # expect: unthrottled-sensitive-endpoint
    return jsonify(ok=True)


@api.post("/uploads")
@authed_only
def upload():  # expect: unthrottled-sensitive-endpoint
    # behind authentication, an upload still costs storage on every call
    return jsonify(ok=True), 201


@tokens_namespace.route("")
class TokenList(Resource):  # expect: unthrottled-sensitive-endpoint
    # only the listing is guarded: anyone may create a token
    @authed_only
    def get(self):
        return {"data": []}

    @require_verified_emails
    def post(self):
        return {"data": "t"}
