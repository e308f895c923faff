# shipguard-test: no-findings
"""App factory: the admin blueprint is registered under /admin here, not where it is defined."""
from flask import Flask


def create_app():
    app = Flask(__name__)
    from .blueprints.admin import admin

    app.register_blueprint(admin, url_prefix="/admin")
    return app
