"""DRF and FastAPI views that build SQL from the request, through aliases and assignments."""
from django.db import connection as db
from django.db.models.expressions import RawSQL
from fastapi import FastAPI
from rest_framework.response import Response
from rest_framework.views import APIView
from sqlalchemy import text
from sqlalchemy.orm import Session

from shop.models import Order, Product

api = FastAPI()


class InvoiceSearch(APIView):
    def get(self, request):
        number = request.query_params.get("number")
        query = "SELECT id, total FROM invoices WHERE number = '" + number + "'"
        with db.cursor() as cur:
            cur.execute(query)  # expect: sql-string-format
            return Response(cur.fetchall())


class ProductsByTag(APIView):
    def get(self, request):
        tag = request.GET["tag"]
        return Response(list(Product.objects.raw("SELECT * FROM shop_product WHERE tag = %s", [tag])))  # expect: sql-string-format


def annotated_orders(request):
    currency = request.POST.get("currency")
    return Order.objects.annotate(converted=RawSQL(f"SELECT rate FROM fx WHERE code = '{currency}'", []))  # expect: sql-string-format


@api.get("/users")
def users(email: str, session: Session):
    return session.execute(text("SELECT id FROM users WHERE email = :email"), {"email": email}).all()  # expect: sql-string-format


@api.get("/audit/{actor}")
def audit(actor: str, session: Session):
    stmt = f"SELECT at, action FROM audit_log WHERE actor = '{actor}' ORDER BY at DESC"
    return session.execute(text(stmt)).all()  # expect: sql-string-format
