import os

from flask import Flask


def create_app(config=None):
    app = Flask(__name__)
    app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    if config:
        app.config.update(config)

    from .auth.views import auth_bp
    from .pages import pages

    app.register_blueprint(auth_bp, url_prefix="/account")
    app.register_blueprint(pages)
    return app
