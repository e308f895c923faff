# shipguard-test: no-findings
from flask import request
from flask_login import login_required
from flask_restful import Resource

from app.permissions import require_admin


class UserResetPasswordResource(Resource):
    # admin-only: an operator sending a user a reset link
    @require_admin
    def post(self, user_id):
        return {"reset_link": f"/reset/{user_id}"}


class AccountPasswordResource(Resource):
    # every method wrapped: only logged-in users reach it
    decorators = [login_required]

    def post(self):
        return {"ok": bool(request.json)}

    def put(self):
        return {"ok": True}
