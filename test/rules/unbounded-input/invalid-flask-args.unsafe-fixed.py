from flask import Flask, abort, jsonify, request

from .db import search

app = Flask(__name__)


def parse_bounded_int(value, maximum=1000):
    """A whole number from the request, clamped to 0..maximum; a 400 for anything else."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        abort(400, "Expected a whole number")
    return max(0, min(number, maximum))


@app.get("/search")
def do_search():
    page_size = parse_bounded_int(request.args.get("page_size", "25"))  # expect: unbounded-input
    return jsonify(search(request.args.get("q", ""), limit=page_size))
