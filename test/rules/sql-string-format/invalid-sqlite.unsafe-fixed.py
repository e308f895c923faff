import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)
DB = "shop.db"


def find_user(conn: sqlite3.Connection, name):
    return conn.execute("SELECT id, email FROM users WHERE name = ?", [name]).fetchall()  # expect: sql-string-format


@app.route("/products")
def products():
    category = request.args.get("category", "")
    conn = sqlite3.connect(DB)
    rows = conn.execute("SELECT id, title FROM products WHERE category = ? AND stock > 0", [category]).fetchall()  # expect: sql-string-format
    return jsonify(rows)


@app.route("/orders/<int:order_id>/lines")
def order_lines(order_id):
    cur = sqlite3.connect(DB).cursor()
    cur.execute("SELECT sku, qty FROM order_lines WHERE order_id = ?", [order_id])  # expect: sql-string-format
    return jsonify(cur.fetchall())


@app.route("/search")
def search():
    term = request.args["q"]
    conn = sqlite3.connect(DB)
    return jsonify(conn.execute("SELECT id FROM products WHERE title LIKE ? ORDER BY title", [f"%{term}%"]).fetchall())  # expect: sql-string-format
