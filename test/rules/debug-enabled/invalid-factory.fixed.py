import os

from flask import Flask as App


def create_app():
    application = App(__name__)
    application.config["DEBUG"] = os.environ.get("FLASK_DEBUG") == "1"  # expect: debug-enabled
    return application


def main():
    server = create_app()
    web = App("worker")
    web.run(debug=os.environ.get("FLASK_DEBUG") == "1")  # expect: debug-enabled
    server.run()
