from flask import Flask as App


def create_app():
    application = App(__name__)
    application.config["DEBUG"] = True  # expect: debug-enabled
    return application


def main():
    server = create_app()
    web = App("worker")
    web.run(debug=True)  # expect: debug-enabled
    server.run()
