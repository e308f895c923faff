import flask_cors
from flask import Flask
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
cors = flask_cors.CORS()  # expect: cors-wildcard


def create_app(config_object="app.config.Production"):
    app = Flask(__name__)
    app.config.from_object(config_object)
    db.init_app(app)
    cors.init_app(app, supports_credentials=True)
    return app
