from flask import Blueprint, abort, request

from .models import Cart

bp = Blueprint("cart", __name__)


def parse_bounded_int(value, maximum=1000):
    """A whole number from the request, clamped to 0..maximum; a 400 for anything else."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        abort(400, "Expected a whole number")
    return max(0, min(number, maximum))


@bp.route("/cart/<item_id>", methods=["POST"])
def set_quantity(item_id):
    quantity = parse_bounded_int(request.form["quantity"])  # expect: unbounded-input
    Cart.current().set(item_id, quantity)
    return "", 204
