from flask import Blueprint, jsonify, request, session

bp = Blueprint("cart", __name__)


@bp.post("/cart/items")
def add_item():
    session.setdefault("cart", []).append(request.form["sku"])
    return jsonify(session["cart"])
