import os

from flask import Flask, jsonify
from flask_cors import CORS as C

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
C(app)  # expect: cors-wildcard


@app.get("/api/me")
def me():
    return jsonify(user=None)
