# shipguard-test: no-findings
from flask import Flask, redirect, request

from .extensions import csrf


def create_app():
    app = Flask(__name__)
    csrf.init_app(app)

    @app.route("/profile", methods=["POST"])
    def profile():
        app.logger.info("profile for %s", request.form["name"])
        return redirect("/")

    return app
