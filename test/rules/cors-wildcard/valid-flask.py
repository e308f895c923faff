# shipguard-test: no-findings
import os

from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
CORS(app, origins=os.environ["CORS_ALLOWED_ORIGINS"].split(","), supports_credentials=True)
CORS(app, resources={r"/api/*": {"origins": ["https://app.example.com"]}, r"/public/*": {"origins": os.environ["PUBLIC_ORIGINS"]}})
