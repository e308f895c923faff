# shipguard-test: no-findings
"""The project's own helper named CORS: it adds fixed headers, not flask-cors."""
from flask import Flask


def CORS(app, origin="https://app.example.com"):
    @app.after_request
    def add_headers(response):
        response.headers["Access-Control-Allow-Origin"] = origin
        return response

    return app


app = CORS(Flask(__name__))
