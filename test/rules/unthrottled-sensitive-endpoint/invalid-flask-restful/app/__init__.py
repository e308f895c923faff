# shipguard-test: no-findings
from flask import Flask
from flask_restful import Api

from app.resources import PasswordResetResource, TokenResource

app = Flask(__name__)
api = Api(app)
api.add_resource(PasswordResetResource, "/api/password/reset")
api.add_resource(TokenResource, "/api/token")
