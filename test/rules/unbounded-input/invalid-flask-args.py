from flask import Flask, jsonify, request

from .db import search

app = Flask(__name__)


@app.get("/search")
def do_search():
    page_size = int(request.args.get("page_size", "25"))  # expect: unbounded-input
    return jsonify(search(request.args.get("q", ""), limit=page_size))
