# shipguard-test: no-findings
import pytest
from flask import Flask
from flask_cors import CORS


@pytest.fixture
def app():
    app = Flask(__name__)
    CORS(app)
    return app
