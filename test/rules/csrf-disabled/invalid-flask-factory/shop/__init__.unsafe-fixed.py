from flask import Flask
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

login_manager = LoginManager()


def create_app(config="shop.config.Production"):
    app = Flask(__name__)  # expect: csrf-disabled
    app.config.from_object(config)
    CSRFProtect(app)
    login_manager.init_app(app)

    from . import auth, cart

    app.register_blueprint(auth.bp)
    app.register_blueprint(cart.bp)
    return app
