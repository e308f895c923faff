# shipguard-test: no-findings
"""Queries a reviewer would merge: parameters, psycopg2.sql composition, int() through assignments, allow-lists."""
from django.db import connection
from psycopg2 import sql
from rest_framework.views import APIView

SORT_COLUMNS = ("created", "total")


def by_owner(cursor, owner_id):
    cursor.execute("SELECT id FROM projects WHERE owner_id = %(owner)s", {"owner": owner_id})
    return cursor.fetchall()


def copy_table(cursor, table):
    cursor.execute(sql.SQL("SELECT * FROM {} LIMIT 10").format(sql.Identifier(table)))
    return cursor.fetchall()


class Page(APIView):
    def get(self, request):
        page = request.query_params.get("page", "1")
        offset = int(page) * 20
        with connection.cursor() as cur:
            cur.execute(f"SELECT id FROM shop_order ORDER BY id LIMIT 20 OFFSET {offset}")
            return cur.fetchall()


def sorted_orders(request):
    column = request.GET.get("sort", "created")
    if column not in SORT_COLUMNS:
        column = "created"
    with connection.cursor() as cur:
        cur.execute(f"SELECT id FROM shop_order ORDER BY {column} DESC")
        return cur.fetchall()


def placeholders(cursor, ids):
    marks = ", ".join(["%s"] * len(ids))
    cursor.execute(f"SELECT id FROM shop_order WHERE id IN ({marks})", ids)
    return cursor.fetchall()
