# shipguard-test: no-findings
import os

from flask import Flask, abort, jsonify, request
from twilio.request_validator import RequestValidator

app = Flask(__name__)
validator = RequestValidator(os.environ["TWILIO_AUTH_TOKEN"])


@app.post("/sms/incoming")
def incoming_sms():
    # Twilio posts form-encoded bodies, signed
    if not validator.validate(request.url, request.form, request.headers.get("X-Twilio-Signature", "")):
        abort(403)
    return jsonify(body=request.form["Body"])


@app.route("/api/notes", methods=["POST"])
def create_note():
    # a token in the Authorization header, no cookie session
    token = request.headers.get("Authorization", "")
    if token != f"Bearer {os.environ['API_TOKEN']}":
        abort(401)
    return jsonify(note=request.form["text"]), 201


@app.post("/api/items")
def create_item():
    return jsonify(request.get_json()), 201
