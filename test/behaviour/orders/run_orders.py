"""
Half-written orders before and after the multi-write-without-transaction codemod, against a real
PostgreSQL: `place_order` writes an Order, its OrderLines and takes the stock. The second line asks
for more than the stock, so PostgreSQL's `stock >= 0` check raises an IntegrityError on the second
stock update. As written (autocommit) the order, both lines and the keyboard stock change stay
committed (a mouse line with no stock taken); the codemod's output (the function made atomic) leaves no row behind. A normal order
still goes through after the fix.

usage: python3 run_orders.py --cases DIR --after DIR   (PGHOST, PGPORT, PGUSER, PGDATABASE set)
"""
import argparse
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def setup_django():
    import django
    from django.conf import settings

    settings.configure(
        INSTALLED_APPS=["orderdemo"],
        DATABASES={
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": os.environ["PGDATABASE"],
                "USER": os.environ["PGUSER"],
                "HOST": os.environ["PGHOST"],
                "PORT": os.environ["PGPORT"],
            }
        },
        USE_TZ=True,
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    )
    django.setup()


def fresh_tables():
    from django.db import connection
    from orderdemo import models

    ordered = (models.Product, models.Order, models.OrderLine)
    with connection.schema_editor() as editor:
        for m in reversed(ordered):
            if m._meta.db_table in connection.introspection.table_names():
                editor.delete_model(m)
        for m in ordered:
            editor.create_model(m)
    keyboard = models.Product.objects.create(name="keyboard", stock=5)
    mouse = models.Product.objects.create(name="mouse", stock=1)
    return keyboard, mouse


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def counts():
    from orderdemo.models import Order, OrderLine, Product

    stock = {p.name: p.stock for p in Product.objects.order_by("pk")}
    return Order.objects.count(), OrderLine.objects.count(), stock


def run(label, path):
    from django.db import IntegrityError

    mod = load(path, f"orders_{label}")
    keyboard, mouse = fresh_tables()
    error = None
    try:
        # 2 keyboards (in stock), then 3 mice (1 in stock): the second stock update fails
        mod.place_order("ada", [(keyboard.pk, 2), (mouse.pk, 3)])
    except IntegrityError as e:
        error = type(e).__name__
    orders, lines, stock = counts()
    print(f"{label:6}: failing order ({error}): orders={orders} order_lines={lines} stock={stock}")
    return orders, lines, stock, error


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", required=True)
    ap.add_argument("--after", required=True)
    args = ap.parse_args()
    setup_django()
    rel = os.path.join("shop_orders", "services.py")
    b_orders, b_lines, b_stock, b_err = run("before", os.path.join(args.cases, rel))
    a_orders, a_lines, a_stock, a_err = run("after", os.path.join(args.after, rel))
    failures = []
    if b_err != "IntegrityError" or a_err != "IntegrityError":
        failures.append("the second write did not fail with IntegrityError")
    if not (b_orders == 1 and b_lines == 2 and b_stock == {"keyboard": 3, "mouse": 1}):
        failures.append("before: expected the half-written order (1 order, 2 lines, keyboard stock taken, mouse not)")
    if not (a_orders == 0 and a_lines == 0 and a_stock == {"keyboard": 5, "mouse": 1}):
        failures.append("after: rows of the failed order remain")
    # the fixed function still places a normal order
    mod = load(os.path.join(args.after, rel), "orders_after_ok")
    keyboard, mouse = fresh_tables()
    mod.place_order("grace", [(keyboard.pk, 2), (mouse.pk, 1)])
    orders, lines, stock = counts()
    print(f"after : normal order: orders={orders} order_lines={lines} stock={stock}")
    if not (orders == 1 and lines == 2 and stock == {"keyboard": 3, "mouse": 0}):
        failures.append("after: a normal order is not placed")
    for f in failures:
        print(f"FAIL: {f}")
    if failures:
        sys.exit(1)
    print("orders: the fixed place_order leaves no half-written order")


if __name__ == "__main__":
    main()
