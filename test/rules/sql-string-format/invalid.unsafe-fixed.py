from django.db import connection
from django.http import JsonResponse

TABLE = "orders"


def search(request):
    q = request.GET.get("q", "")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, title FROM products WHERE title LIKE %s", [f"%{q}%"])  # expect: sql-string-format
        rows = cursor.fetchall()
    return JsonResponse({"rows": rows})


def order_detail(request, order_id):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM %s WHERE id = %s" % (TABLE, order_id))  # expect: sql-string-format
        return JsonResponse({"row": cursor.fetchone()})


def by_status(request):
    status = request.POST["status"]
    sql = "SELECT id FROM orders WHERE status = '{}'".format(status)
    with connection.cursor() as cursor:
        cursor.execute(sql)  # expect: sql-string-format
        return JsonResponse({"rows": cursor.fetchall()})


def report(user_id, since):
    sql = f"SELECT total FROM {TABLE} WHERE user_id = {user_id}"
    sql += f" AND created > '{since}'"
    with connection.cursor() as cursor:
        cursor.execute(sql)  # expect: sql-string-format
        return cursor.fetchall()


def customers(request):
    country = request.GET["country"]
    return list(Customer.objects.raw("SELECT * FROM shop_customer WHERE country = %s", [country]))  # expect: sql-string-format


def recent(request):
    days = request.GET.get("days")
    return Order.objects.extra(where=[f"created > now() - interval '{days} days'"])  # expect: sql-string-format


class Export:
    def rows(self, request, column):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {column} FROM shop_product")  # expect: sql-string-format
            return cursor.fetchall()


def find_by_email(email):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM users WHERE email = %(email)s", {"email": email})  # expect: sql-string-format
