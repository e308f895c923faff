# shipguard-test: no-findings
from django.db import connection
from django.http import JsonResponse

TABLE = "orders"
COLUMNS = {"name": "title", "price": "price_amount"}
ALLOWED_STATUS = {"open", "paid"}


def search(request):
    q = request.GET.get("q", "")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM products WHERE title LIKE %s", [f"%{q}%"])
        return JsonResponse({"rows": cursor.fetchall()})


def count_orders():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {TABLE}")
        return cursor.fetchone()


def sorted_products(request):
    column = COLUMNS[request.GET.get("sort", "name")]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM shop_product ORDER BY {column}")
        return cursor.fetchall()


def page(request):
    limit = int(request.GET.get("limit", 20))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM shop_product LIMIT {limit}")
        return cursor.fetchall()


def by_status(request):
    status = request.GET["status"]
    if status not in ALLOWED_STATUS:
        return JsonResponse({"error": "bad status"}, status=400)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM orders WHERE status = '{status}'")
        return cursor.fetchall()


def truncate(model):
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {table}")


def run(cursor, sql, params):
    # the query arrives whole: the caller decides
    cursor.execute(sql, params)


def log_line(logger, user):
    logger.execute(f"user {user} logged in")


def vacuum():
    with connection.cursor() as cursor:
        cursor.execute("VACUUM " + "ANALYZE " + TABLE)


def count_rows(table):
    # a table name the code computes is no value: it cannot be a parameter and is not input
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM %s" % connection.ops.quote_name(table))


def bump_schema(schema_version):
    # %d formats a number or raises: no quote can come through it
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA schema_version = %d" % (schema_version + 1))


def _build_where(filters):
    clauses, params = [], []
    for key, value in filters.items():
        clauses.append(f"json_extract(metadata, '$.{key}') = ?")
        params.append(value)
    return " AND ".join(clauses), params


def search_nodes(conn, filters, embedding, top_k):
    # the clause comes back beside its parameters, and both go to execute(): placeholders, not values
    where, params = _build_where(filters)
    sql = "SELECT id, node_content FROM vectors WHERE embedding MATCH ? AND k = ?"
    if where:
        sql += " AND " + where
    return conn.execute(sql, [embedding, top_k, *params]).fetchall()
