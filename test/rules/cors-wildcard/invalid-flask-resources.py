import os

from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
CORS(  # expect: cors-wildcard
    app,
    resources={r"/api/*": {"origins": "*"}},
    supports_credentials=True,
)
