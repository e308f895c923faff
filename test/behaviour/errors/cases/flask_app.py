"""A Flask view whose dependency fails with a message that holds a secret."""
from flask import Flask, jsonify

app = Flask(__name__)


def charge_card():
    raise RuntimeError("gateway rejected key sk_live_FAKE0123456789abcdef for https://pay.example.com/v1/charges")


@app.post("/charge")
def charge():
    try:
        charge_card()
    except Exception as e:
        return jsonify({"error": str(e), "code": "charge_failed"}), 502
    return jsonify({"ok": True})
