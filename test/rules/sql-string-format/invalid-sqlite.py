import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)
DB = "shop.db"


def find_user(conn: sqlite3.Connection, name):
    return conn.execute(f"SELECT id, email FROM users WHERE name = '{name}'").fetchall()  # expect: sql-string-format


@app.route("/products")
def products():
    category = request.args.get("category", "")
    conn = sqlite3.connect(DB)
    rows = conn.execute(f"SELECT id, title FROM products WHERE category = '{category}' AND stock > 0").fetchall()  # expect: sql-string-format
    return jsonify(rows)


@app.route("/orders/<int:order_id>/lines")
def order_lines(order_id):
    cur = sqlite3.connect(DB).cursor()
    cur.execute(f"SELECT sku, qty FROM order_lines WHERE order_id = {order_id}")  # expect: sql-string-format
    return jsonify(cur.fetchall())


@app.route("/search")
def search():
    term = request.args["q"]
    conn = sqlite3.connect(DB)
    return jsonify(conn.execute(f"SELECT id FROM products WHERE title LIKE '%{term}%' ORDER BY title").fetchall())  # expect: sql-string-format


@app.route("/customers")
def customers():
    country = request.args["country"]
    conn = sqlite3.connect(DB)
    rows = conn.execute("SELECT id, name FROM customers WHERE country = '%s' AND active = %d" % (country, 1)).fetchall()  # expect: sql-string-format
    return jsonify(rows)


@app.route("/coupons/<code>")
def coupon(code):
    conn = sqlite3.connect(DB)
    row = conn.execute("SELECT percent FROM coupons WHERE code = '{}' AND expires > {}".format(code, "date('now')")).fetchone()  # expect: sql-string-format
    return jsonify(row)


@app.route("/tags")
def tags():
    prefix = request.args.get("prefix", "")
    conn = sqlite3.connect(DB)
    return jsonify(conn.execute("SELECT name FROM tags WHERE name LIKE '" + prefix + "%' ORDER BY name LIMIT " + str(request.args.get("n", 10))).fetchall())  # expect: sql-string-format


def audit_entries(conn, actor, kind):
    return conn.execute("SELECT at, what FROM audit WHERE actor = '{actor}' AND kind = '{kind}'".format(actor=actor, kind=kind)).fetchall()  # expect: sql-string-format


def archive(conn, user_id):
    conn.execute("DELETE FROM sessions WHERE user_id = %s AND created < date('now', '-30 day')" % user_id)  # expect: sql-string-format


def nodes_by_owner(conn, filters, owner):
    # the helper's parameters are passed, but the owner goes into the SQL text itself
    where, params = _owner_filters(filters)
    sql = "SELECT id FROM vectors WHERE owner = '" + owner + "'"
    if where:
        sql += " AND " + where
    return conn.execute(sql, params).fetchall()  # expect: sql-string-format
