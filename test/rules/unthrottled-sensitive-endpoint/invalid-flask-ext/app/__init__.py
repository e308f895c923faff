from flask import Flask

from .auth.routes import bp
from .extensions import limiter


def create_app():
    app = Flask(__name__)
    limiter.init_app(app)
    app.register_blueprint(bp)
    return app
