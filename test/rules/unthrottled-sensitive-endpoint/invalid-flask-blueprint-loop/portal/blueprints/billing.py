from flask import Blueprint

bp = Blueprint("billing", __name__)


@bp.get("/invoices")
def invoices():
    return {"invoices": []}
