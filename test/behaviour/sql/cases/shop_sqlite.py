"""A Flask shop on sqlite3 whose queries are built from the caller's values (the codemod's input)."""
import sqlite3

from flask import Flask, g, jsonify, request

app = Flask(__name__)
app.config["DATABASE"] = "shop.db"


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(app.config["DATABASE"])
    return g.db


def find_customer(conn, name):
    return conn.execute(f"SELECT id, email FROM customers WHERE name = '{name}' ORDER BY id").fetchall()


def customers_in(conn, country):
    return conn.execute("SELECT id, name FROM customers WHERE country = '%s' ORDER BY id" % country).fetchall()


def orders_with_status(conn, status):
    cur = conn.cursor()
    cur.execute("SELECT id, total FROM orders WHERE status = '{}' ORDER BY id".format(status))
    return cur.fetchall()


def orders_of(conn, email):
    return conn.execute("SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.email = '" + email + "' ORDER BY o.id").fetchall()


def order_lines(conn, order_id):
    return conn.execute(f"SELECT sku, qty FROM order_lines WHERE order_id = {order_id} ORDER BY sku").fetchall()


@app.get("/products")
def products():
    term = request.args.get("q", "")
    rows = get_db().execute(f"SELECT id, title FROM products WHERE title LIKE '%{term}%' ORDER BY id").fetchall()
    return jsonify(rows)
