# shipguard-test: no-findings
from flask import Flask, current_app, jsonify, request
from loguru import logger

app = Flask(__name__)


@app.post("/api/sessions")
def create_session():
    payload = request.get_json(force=True)
    app.logger.info("Session requested by %s, fields %s", payload.get("username"), sorted(payload))
    current_app.logger.debug("Content-Length %s on %s", request.content_length, request.path)
    return jsonify(ok=True)


@app.post("/api/tokens/refresh")
def refresh_token():
    refresh = request.headers.get("X-Refresh-Token", "")
    logger.info("Refresh token received (len={}), token_type={}", len(refresh), request.args.get("token_type"))
    logger.info("Header names: {}", list(request.headers.keys()))
    return jsonify(expires_in=3600)


@app.errorhandler(500)
def server_error(err):
    app.logger.exception("Unhandled error on %s %s", request.method, request.path)
    return jsonify(error="internal"), 500
