from flask import request
from flask_login import login_required
from flask_restful import Resource


class PasswordResetResource(Resource): # expect: unthrottled-sensitive-endpoint
    # the read is guarded, the public POST that sends the e-mail is not
    @login_required
    def get(self):
        return {}

    def post(self):
        return {"sent": bool(request.json)}


class TokenResource(Resource): # expect: unthrottled-sensitive-endpoint
    # `decorators` holds no guard: a cache wrapper only
    decorators = [cache_headers]

    def post(self):
        return {"token": "t"}
