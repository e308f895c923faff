# shipguard-test: no-findings
from flask import Flask
from flask_cors import CORS


def create_app(config):
    app = Flask(__name__)
    app.config.update(config)
    if app.debug or app.config.get("TESTING"):
        # the dev server of the SPA runs on another port
        CORS(app)
    return app
