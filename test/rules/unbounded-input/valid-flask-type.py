# shipguard-test: no-findings
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.get("/items")
def items():
    limit = request.args.get("limit", 20, type=int)
    return jsonify(limit=limit)


@app.get("/items/<int:item_id>")
def item(item_id):
    return jsonify(id=int(item_id))
