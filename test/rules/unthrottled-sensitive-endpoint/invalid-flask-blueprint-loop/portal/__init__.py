from flask import Flask

from .blueprints import accounts, billing

BLUEPRINTS = (accounts.bp, billing.bp)


def create_app():
    app = Flask(__name__)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    return app
