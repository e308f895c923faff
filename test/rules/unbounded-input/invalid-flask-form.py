from flask import Blueprint, request

from .models import Cart

bp = Blueprint("cart", __name__)


@bp.route("/cart/<item_id>", methods=["POST"])
def set_quantity(item_id):
    quantity = int(request.form["quantity"])  # expect: unbounded-input
    Cart.current().set(item_id, quantity)
    return "", 204
