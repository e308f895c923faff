import logging

from flask import Flask, abort, jsonify, make_response, request
from fastapi import HTTPException
import requests

logger = logging.getLogger(__name__)

app = Flask(__name__)


@app.route("/api/charge", methods=["POST"])
def charge():
    try:
        result = gateway_charge(request.json)
    except requests.RequestException:
        logger.exception("Unexpected error in charge")
        return jsonify({"error": "Payment gateway error"}), 502  # expect: error-details-in-response
    return jsonify(result)


@app.post("/api/import")
def import_rows():
    try:
        count = import_file(request.files["file"])
    except Exception:
        logger.exception("Unexpected error in import_rows")
        return {"status": "error", "message": "Internal server error"}, 500  # expect: error-details-in-response
    return {"imported": count}


@app.get("/api/report/<int:report_id>")
def report(report_id):
    try:
        return jsonify(render_report(report_id))
    except Exception:
        logger.exception("Unexpected error in report")
        abort(500, description="Internal server error")  # expect: error-details-in-response


@app.route("/api/ping")
def ping():
    try:
        check_database()
    except Exception:
        logger.exception("Unexpected error in ping")
        return make_response(jsonify(error="Service unavailable"), 503)  # expect: error-details-in-response
    return "ok"


@app.errorhandler(Exception)
def handle_error(e):
    logger.error("Unexpected error in handle_error", exc_info=e)
    return jsonify(error="Internal server error"), 500  # expect: error-details-in-response


async def fetch_price(symbol: str):
    try:
        return await price_api(symbol)
    except Exception:
        logger.exception("Unexpected error in fetch_price")
        raise HTTPException(status_code=500, detail="Internal server error")  # expect: error-details-in-response
