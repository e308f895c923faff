# shipguard-test: no-findings
import os

from flask import Flask


def create_test_app():
    app = Flask(__name__)
    app.config["WTF_CSRF_ENABLED"] = False
    return app


def create_app(testing=False):
    app = Flask(__name__)
    app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    if testing:
        app.config.update(WTF_CSRF_ENABLED=False)
    app.config.from_mapping({"TESTING": True, "WTF_CSRF_ENABLED": False})
    return app


class TestConfig:
    WTF_CSRF_ENABLED = False
