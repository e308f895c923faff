"""The shop's tables and rows, the same in sqlite3 and PostgreSQL (shared by run_sql.py and sql_bridge.py)."""

SCHEMA = [
    "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, country TEXT NOT NULL)",
    "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, status TEXT NOT NULL, total INTEGER NOT NULL)",
    "CREATE TABLE order_lines (order_id INTEGER NOT NULL, sku TEXT NOT NULL, qty INTEGER NOT NULL)",
    "CREATE TABLE products (id INTEGER PRIMARY KEY, title TEXT NOT NULL, stock INTEGER NOT NULL)",
]

ROWS = {
    "customers": [
        (1, "Ada", "ada@example.com", "UK"),
        (2, "Linus", "linus@example.com", "FI"),
        (3, "Grace", "grace@example.com", "US"),
        (4, "O'Brien", "obrien@example.com", "IE"),
    ],
    "orders": [(10, 1, "paid", 4200), (11, 1, "open", 990), (12, 2, "paid", 15000), (13, 3, "refunded", 700)],
    "order_lines": [(10, "BOOK-1", 2), (10, "PEN-3", 1), (11, "MUG-2", 1), (12, "DESK-9", 1)],
    "products": [(1, "Blue mug", 5), (2, "Fountain pen", 12), (3, "Standing desk", 1)],
}


def create(conn, placeholder):
    cur = conn.cursor()
    for stmt in SCHEMA:
        cur.execute(stmt)
    for table, rows in ROWS.items():
        marks = ", ".join([placeholder] * len(rows[0]))
        cur.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    conn.commit()
