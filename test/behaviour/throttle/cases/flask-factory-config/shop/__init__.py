import os

from flask import Flask


class Config:
    REDIS_URL = os.environ.get("REDIS_URL") or "redis://"


def create_app(config_class=Config):
    app = Flask(__name__)
    app.config.from_object(config_class)
    app.queue_url = app.config["REDIS_URL"]

    from .auth import auth_bp

    app.register_blueprint(auth_bp, url_prefix="/account")
    return app
