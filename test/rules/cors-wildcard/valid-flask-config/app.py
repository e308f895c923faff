# shipguard-test: no-findings
from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
# flask-cors reads the allowed origins from the app's config (config.py)
app.config.from_object("config.Production")
CORS(app)
