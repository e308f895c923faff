import os

from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
CORS(  # expect: cors-wildcard
    app,
    resources={r"/api/*": {"origins": [o for o in os.environ.get("CORS_ALLOWED_ORIGINS", "").split(",") if o]}},
    supports_credentials=True,
)
