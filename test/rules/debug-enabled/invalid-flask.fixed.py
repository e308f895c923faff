import os

from flask import Flask, jsonify

app = Flask(__name__)
app.debug = os.environ.get("FLASK_DEBUG") == "1"  # expect: debug-enabled
app.config["DEBUG"] = os.environ.get("FLASK_DEBUG") == "1"  # expect: debug-enabled


@app.get("/health")
def health():
    return jsonify(ok=True)


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")), debug=os.environ.get("FLASK_DEBUG") == "1")  # expect: debug-enabled
