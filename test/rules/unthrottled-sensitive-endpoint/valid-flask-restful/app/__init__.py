# shipguard-test: no-findings
from flask import Flask
from flask_restful import Api

from app.handlers.users import AccountPasswordResource, UserResetPasswordResource

app = Flask(__name__)
api = Api(app)
api.add_resource(UserResetPasswordResource, "/api/users/<user_id>/reset_password")
api.add_resource(AccountPasswordResource, "/api/account/password")
