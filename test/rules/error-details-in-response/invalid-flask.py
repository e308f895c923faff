from flask import Flask, abort, jsonify, make_response, request
from fastapi import HTTPException
import requests

app = Flask(__name__)


@app.route("/api/charge", methods=["POST"])
def charge():
    try:
        result = gateway_charge(request.json)
    except requests.RequestException as e:
        return jsonify({"error": "Payment gateway error: " + str(e)}), 502  # expect: error-details-in-response
    return jsonify(result)


@app.post("/api/import")
def import_rows():
    try:
        count = import_file(request.files["file"])
    except Exception as e:
        return {"status": "error", "message": f"{e}"}, 500  # expect: error-details-in-response
    return {"imported": count}


@app.get("/api/report/<int:report_id>")
def report(report_id):
    try:
        return jsonify(render_report(report_id))
    except Exception as e:
        abort(500, description=str(e))  # expect: error-details-in-response


@app.route("/api/ping")
def ping():
    try:
        check_database()
    except Exception as e:
        return make_response(jsonify(error=str(e)), 503)  # expect: error-details-in-response
    return "ok"


@app.errorhandler(Exception)
def handle_error(e):
    return jsonify(error=str(e)), 500  # expect: error-details-in-response


async def fetch_price(symbol: str):
    try:
        return await price_api(symbol)
    except Exception as e:
        raise HTTPException(status_code=500, detail=str(e))  # expect: error-details-in-response
