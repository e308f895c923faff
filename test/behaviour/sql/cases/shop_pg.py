"""Reports on PostgreSQL with psycopg2, queries built from the caller's values (the codemod's input)."""
import os

import psycopg2


def connect():
    return psycopg2.connect(host=os.environ["PGHOST"], port=os.environ["PGPORT"], user=os.environ["PGUSER"], dbname=os.environ["PGDATABASE"])


def find_customer(conn, name):
    with conn.cursor() as cur:
        cur.execute(f"SELECT id, email FROM customers WHERE name = '{name}' ORDER BY id")
        return cur.fetchall()


def customers_in(conn, country):
    with conn.cursor() as cur:
        cur.execute("SELECT id, name FROM customers WHERE country = '%s' ORDER BY id" % country)
        return cur.fetchall()


def orders_with_status(conn, status):
    with conn.cursor() as cur:
        cur.execute("SELECT id, total FROM orders WHERE status = '{}' ORDER BY id".format(status))
        return cur.fetchall()


def orders_of(conn, email):
    with conn.cursor() as cur:
        cur.execute("SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.email = '" + email + "' ORDER BY o.id")
        return cur.fetchall()


def customer_by_email(conn, email):
    with conn.cursor() as cur:
        cur.execute("SELECT id, name FROM customers WHERE email = '%(email)s'" % {"email": email})
        return cur.fetchall()


def search_products(conn, term):
    with conn.cursor() as cur:
        cur.execute(f"SELECT id, title FROM products WHERE title ILIKE '%{term}%' AND stock >= 0 ORDER BY id")
        return cur.fetchall()
