"""An API whose frontend lives on another origin: CORS opened to everyone."""
from flask import Flask, jsonify
from flask_cors import CORS

app = Flask(__name__)
CORS(app, supports_credentials=True)


@app.get("/api/me")
def me():
    return jsonify(user="ada", plan="pro")
