"""SQL injection before and after the sql-string-format codemod, against real databases.

Each case module is loaded as written (before) and as the codemod rewrote it (after). For every
function: a benign value returns the same rows before and after; `' OR 1=1 --` returns every row
before the fix (the attack works) and none after it. sqlite3 (stdlib) and PostgreSQL (psycopg2,
Debian python3-psycopg2; the server is the one test/behaviour/run.sh started, named by PG*).

usage: python3 run_sql.py --before DIR --after DIR --work DIR
"""
import argparse
import importlib.util
import os
import sqlite3
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from schema import create  # noqa: E402

PAYLOAD = "' OR 1=1 --"
FAILURES = []

ALL_CUSTOMERS = [(1, "ada@example.com"), (2, "linus@example.com"), (3, "grace@example.com"), (4, "obrien@example.com")]
ALL_NAMES = [(1, "Ada"), (2, "Linus"), (3, "Grace"), (4, "O'Brien")]
ALL_ORDERS = [(10, 4200), (11, 990), (12, 15000), (13, 700)]
ALL_ORDER_IDS = [(10,), (11,), (12,), (13,)]
ALL_PRODUCTS = [(1, "Blue mug"), (2, "Fountain pen"), (3, "Standing desk")]

# function, benign value, its rows, attack value, the rows the attack reveals before the fix
SQLITE_CASES = [
    ("find_customer", "Grace", [(3, "grace@example.com")], PAYLOAD, ALL_CUSTOMERS),
    ("customers_in", "FI", [(2, "Linus")], PAYLOAD, ALL_NAMES),
    ("orders_with_status", "paid", [(10, 4200), (12, 15000)], PAYLOAD, ALL_ORDERS),
    ("orders_of", "ada@example.com", [(10,), (11,)], PAYLOAD, ALL_ORDER_IDS),
    ("order_lines", 10, [("BOOK-1", 2), ("PEN-3", 1)], "0 OR 1=1", [("BOOK-1", 2), ("DESK-9", 1), ("MUG-2", 1), ("PEN-3", 1)]),
]
PG_CASES = [
    ("find_customer", "Grace", [(3, "grace@example.com")], PAYLOAD, ALL_CUSTOMERS),
    ("customers_in", "FI", [(2, "Linus")], PAYLOAD, ALL_NAMES),
    ("orders_with_status", "paid", [(10, 4200), (12, 15000)], PAYLOAD, ALL_ORDERS),
    ("orders_of", "ada@example.com", [(10,), (11,)], PAYLOAD, ALL_ORDER_IDS),
    ("customer_by_email", "linus@example.com", [(2, "Linus")], PAYLOAD, ALL_NAMES),
    ("search_products", "PEN", [(2, "Fountain pen")], PAYLOAD, ALL_PRODUCTS),
]


def check(label, cond, detail=""):
    print(f"  {'ok  ' if cond else 'FAIL'} {label}{': ' + detail if detail and not cond else ''}")
    if not cond:
        FAILURES.append(label)


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def attempt(call):
    try:
        return [tuple(r) for r in call()]
    except Exception as e:  # a syntax error the value caused, reported as such
        return f"{type(e).__name__}: {str(e).strip().splitlines()[0]}"


def run_cases(engine, cases, before, after, conn):
    for fn, benign, rows, attack, revealed in cases:
        b_ok, a_ok = attempt(lambda: getattr(before, fn)(conn, benign)), attempt(lambda: getattr(after, fn)(conn, benign))
        b_bad, a_bad = attempt(lambda: getattr(before, fn)(conn, attack)), attempt(lambda: getattr(after, fn)(conn, attack))
        print(f"{engine} {fn}({benign!r}): before {b_ok}, after {a_ok}; ({attack!r}): before {b_bad}, after {a_bad}")
        check(f"{engine} {fn}: benign value, the same rows before and after the fix", b_ok == rows and a_ok == rows, f"want {rows}")
        # the comment the payload ends with cuts off the ORDER BY: the rows are compared as a set
        check(f"{engine} {fn}: the injection returns every row before the fix", isinstance(b_bad, list) and sorted(b_bad) == sorted(revealed), f"want {revealed}")
        check(f"{engine} {fn}: the injection returns no row after the fix", a_bad == [], f"got {a_bad}")
    # a value with a quote in it breaks the query as written; bound as a parameter it is just a name
    b_q, a_q = attempt(lambda: before.find_customer(conn, "O'Brien")), attempt(lambda: after.find_customer(conn, "O'Brien"))
    print(f"{engine} find_customer(\"O'Brien\"): before {b_q}, after {a_q}")
    check(f"{engine} find_customer: a quote in a real name fails before the fix and works after it", isinstance(b_q, str) and a_q == [(4, "obrien@example.com")])


def sqlite_suite(args):
    db = os.path.join(args.work, "shop.db")
    if os.path.exists(db):
        os.remove(db)
    conn = sqlite3.connect(db)
    create(conn, "?")
    before = load(os.path.join(args.before, "shop_sqlite.py"), "shop_sqlite_before")
    after = load(os.path.join(args.after, "shop_sqlite.py"), "shop_sqlite_after")
    run_cases("sqlite3", SQLITE_CASES, before, after, conn)
    # the Flask view, through Flask's test client
    got = {}
    for label, mod in (("before", before), ("after", after)):
        mod.app.config["DATABASE"] = db
        client = mod.app.test_client()
        got[label] = [client.get("/products", query_string={"q": q}).get_json() for q in ("pen", PAYLOAD)]
    print(f"sqlite3 GET /products?q=pen: before {got['before'][0]}, after {got['after'][0]}; ?q={PAYLOAD}: before {got['before'][1]}, after {got['after'][1]}")
    check("Flask view: benign search, the same rows before and after the fix", got["before"][0] == got["after"][0] == [[2, "Fountain pen"]])
    check("Flask view: the injection returns every product before the fix", sorted(got["before"][1]) == [list(r) for r in ALL_PRODUCTS])
    check("Flask view: the injection returns no product after the fix", got["after"][1] == [])


def pg_suite(args):
    import psycopg2

    admin = psycopg2.connect(host=os.environ["PGHOST"], port=os.environ["PGPORT"], user=os.environ["PGUSER"], dbname=os.environ["PGDATABASE"])
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute("DROP DATABASE IF EXISTS shipguard_sql")
        cur.execute("CREATE DATABASE shipguard_sql")
    admin.close()
    os.environ["PGDATABASE"] = "shipguard_sql"
    before = load(os.path.join(args.before, "shop_pg.py"), "shop_pg_before")
    after = load(os.path.join(args.after, "shop_pg.py"), "shop_pg_after")
    conn = before.connect()
    create(conn, "%s")
    conn.autocommit = True  # a query the value broke does not abort the ones after it
    print(f"PostgreSQL {conn.server_version}, psycopg2 {psycopg2.__version__}")
    run_cases("PostgreSQL", PG_CASES, before, after, conn)
    conn.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    sqlite_suite(args)
    pg_suite(args)
    if FAILURES:
        print(f"sql: {len(FAILURES)} check(s) failed", file=sys.stderr)
        sys.exit(1)
    print("sql: the injection returns every row before the fix and none after it; benign values return the same rows")


if __name__ == "__main__":
    main()
